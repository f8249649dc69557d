"""The verrekijker and the midweek nudge end to end, on a manual clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers import DUE_MONDAY, World, answer_checkin, onboard

FRIDAY_1700 = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # 17:00 in Brussels
WEDNESDAY_1630 = DUE_MONDAY + timedelta(days=2)


async def reflect_on_days(world: World, user, days: int) -> None:
    """/today on the first `days` days of the week, mornings, answering everything."""
    for day in range(days):
        world.clock.set(DUE_MONDAY + timedelta(days=day, hours=-6))
        await world.say(user, "/today")
        await answer_checkin(
            world,
            user,
            f"Dag {day}: ik luisterde naar de vraag achter de vraag",
            f"Dag {day}: grenzen bewaakt door op tijd te stoppen",
        )


def verrekijker_message(world: World, user):
    """The week view with its buttons (the weekly talk's first question follows it)."""
    return next(
        m for m in reversed(world.api.messages(user)) if "✓ 🔍 Deze week" in m.button_labels
    )


def photos(world: World, user) -> list:
    return [m for m in world.api.messages(user) if m.kind == "photo"]


@pytest.mark.slow
async def test_the_verrekijker_arrives_friday_1700_local_once_with_a_picture(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await reflect_on_days(world, ann, 3)
    world.clock.set(FRIDAY_1700 - timedelta(minutes=1))
    await world.bot.run_schedule()
    assert photos(world, ann) == []
    world.clock.set(FRIDAY_1700)
    await world.bot.run_schedule()
    [photo] = photos(world, ann)
    assert photo.media.data.startswith(b"\x89PNG")
    assert photo.caption and len(photo.caption) <= 1024
    text = verrekijker_message(world, ann).text
    assert "luisterde naar de vraag achter de vraag" in text  # their own words
    assert "Wat valt je op" in world.last_text(ann)  # then the weekly talk
    # Never twice for the same week: not on the next tick, not after a restart.
    await world.bot.run_schedule()
    await world.restart()
    await world.bot.run_schedule()
    assert len(photos(world, ann)) == 1
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.moments["next_verrekijker_at"] == FRIDAY_1700 + timedelta(weeks=1)


@pytest.mark.slow
async def test_buttons_zoom_out_and_move_between_weeks_by_editing_the_message(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await reflect_on_days(world, ann, 2)
    await world.say(ann, "/verrekijker")
    message = world.api.last_message(ann)
    week_text = message.text
    await world.tap(ann, "🔭 Vier weken")
    edited = world.api.messages(ann)[-1]
    assert edited.message_id == message.message_id and edited.text != week_text
    assert "✓ 🔭 Vier weken" in edited.button_labels
    await world.tap(ann, "◀ Vorige week")
    assert "Volgende week ▶" in world.api.last_message(ann).button_labels
    await world.tap(ann, "Volgende week ▶")
    await world.tap(ann, "🔍 Deze week")
    assert world.api.last_message(ann).text == week_text
    await world.tap(ann, "🗺️ Alles sinds de start")
    assert world.api.last_message(ann).message_id == message.message_id
    # Only one photo: the buttons edit text, they do not send anything new.
    assert len(photos(world, ann)) == 1


@pytest.mark.slow
async def test_a_future_or_forged_week_is_refused_politely(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/verrekijker")
    message = world.api.last_message(ann)
    for data in ("v:w:20300101", "v:o:20261340", "v:x:20260302"):
        world.api.press(ann, message.message_id, data)
        await world.bot.settle()
    toasts = [c.params.get("text") for c in world.api.calls_to("answerCallbackQuery")[-3:]]
    assert toasts == ["Deze knop is niet meer geldig."] * 3


@pytest.mark.slow
async def test_an_empty_week_gets_a_short_kind_verrekijker(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(FRIDAY_1700)
    await world.bot.run_schedule()
    assert len(photos(world, ann)) == 1
    assert len(world.last_text(ann)) < 1500


@pytest.mark.slow
async def test_when_the_photo_fails_the_text_still_arrives(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await reflect_on_days(world, ann, 1)
    world.api.fail_next("sendPhoto", 500, "Internal Server Error")
    world.clock.set(FRIDAY_1700)
    await world.bot.run_schedule()
    assert photos(world, ann) == []
    assert "luisterde" in verrekijker_message(world, ann).text


async def test_week_command_moves_the_verrekijker(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/week zo 19:30")
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.moments["next_verrekijker_at"] == datetime(2026, 3, 8, 18, 30, tzinfo=UTC)
    await world.say(ann, "/week morgen")
    assert "/week vr 17:00" in world.last_text(ann)


@pytest.mark.slow
async def test_the_nudge_comes_midweek_only_when_nothing_was_reflected(world: World):
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1001, "Ann"), (1002, "Bob"), (1003, "Cem")))
    for user in (ann, bob, cem):
        await onboard(world, user)
        await world.say(user, "/days ma,do")  # no check-in on Wednesday
    await world.say(cem, "/nudges uit")
    world.clock.set(DUE_MONDAY - timedelta(hours=6))
    await world.say(bob, "/today")
    await answer_checkin(world, bob, "gedaan", "ook")
    before = {u.id: len(world.api.messages(u)) for u in (ann, bob, cem)}
    world.clock.set(DUE_MONDAY)
    await world.bot.run_schedule()  # Monday's check-ins (Ann ignores hers)
    world.clock.set(WEDNESDAY_1630)
    await world.bot.run_schedule()
    nudges = world.bot.services.texts.entries["nl"]["weekly.nudge"]
    assert world.last_text(ann) in nudges
    assert len(world.api.messages(ann)) == before[ann.id] + 2  # Monday's check-in + the nudge
    assert len(world.api.messages(bob)) == before[bob.id]  # Bob reflected on Monday
    assert len(world.api.messages(cem)) == before[cem.id] + 1  # nudges off: only Monday's
    await world.restart()
    await world.bot.run_schedule()
    assert len(world.api.messages(ann)) == before[ann.id] + 2  # at most one a week


@pytest.mark.slow
async def test_no_weekly_messages_while_paused(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/pause")
    count = len(world.api.messages(ann))
    world.clock.set(FRIDAY_1700 + timedelta(minutes=5))
    await world.bot.run_schedule()
    assert len(world.api.messages(ann)) == count
