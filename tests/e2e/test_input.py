"""Odd input, Telegram errors and logs: the bot answers kindly, keeps running, loses nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.logging_setup import configure_logging
from standin import FakeUser
from tests.helpers import DUE_MONDAY, World, answer_checkin, onboard


async def test_wrong_setting_values_change_nothing_and_show_an_example(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    storage = world.bot.services.storage
    before = await storage.users.get(ann.id)
    for command, example in [
        ("/time 25:00", "/time 17:15"),
        ("/time", "/time 17:15"),
        ("/days banaan", "/days ma,di,wo,do,vr"),
        ("/tz Mars/Olympus", "/tz Europe/Brussels"),
        ("/lang fr", "/lang en"),
        ("/questions 9", "/questions 2"),
        ("/pause morgen", "/pause 7"),
    ]:
        await world.say(ann, command)
        assert example in world.last_text(ann), command
    assert await storage.users.get(ann.id) == before


async def test_shortcuts_change_settings_and_move_the_schedule(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/time 17u15")
    await world.say(ann, "/days ma,wo")
    await world.say(ann, "/tz Europe/Amsterdam")
    await world.say(ann, "/questions 3")
    await world.say(ann, "/lang en")
    user = await world.bot.services.storage.users.get(ann.id)
    assert (user.checkin_time, user.days, user.timezone) == (
        time(17, 15),
        frozenset({0, 2}),
        "Europe/Amsterdam",
    )
    assert user.questions_per_checkin == 3 and user.language == "en"
    assert user.next_due_at == datetime(2026, 3, 2, 16, 15, tzinfo=UTC)
    assert "Saved" in world.last_text(ann) and "Monday 2 March at 17:15" in world.last_text(ann)


async def test_settings_buttons_change_a_setting(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/settings")
    await world.tap(ann, "Uur")
    await world.tap(ann, "20:00")
    assert "Uur: 20:00" in world.last_text(ann)
    await world.tap(ann, "Aantal vragen")
    await world.tap(ann, "1")
    await world.tap(ann, "Pauze")
    await world.tap(ann, "Pauze: 7 dagen")  # Babel picks the plural: no more "dag(en)"
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.checkin_time == time(20, 0) and user.questions_per_checkin == 1
    assert user.paused and user.paused_until == DUE_MONDAY.date() + timedelta(days=6)


async def test_days_cannot_be_all_switched_off(world: World):
    ann = world.api.user(1001, "Ann")
    await world.say(ann, "/start")
    await world.tap(ann, "✓ Nederlands")
    for day in ("✓ ma", "✓ di", "✓ wo", "✓ do"):
        await world.tap(ann, day)
    await world.tap(ann, "✓ vr")  # the last one stays on
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.days == frozenset({4})
    assert (
        world.api.calls_to("answerCallbackQuery")[-1].params.get("text") == "Kies minstens één dag."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("send", "expected"),
    [
        (lambda api, u: api.send_sticker(u), "alleen tekst"),
        (lambda api, u: api.send_photo(u), "alleen tekst"),
        (lambda api, u: api.send_voice(u), "typen"),
        (lambda api, u: api.send_document(u), "alleen tekst"),
        (lambda api, u: api.send_location(u), "alleen tekst"),
        (lambda api, u: api.send_text(u, "/dansen"), "/help"),
    ],
)
async def test_things_that_are_not_text_get_a_kind_reply(world: World, send, expected):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    send(world.api, ann)
    await world.bot.settle()
    assert expected in world.last_text(ann)


async def test_group_messages_are_ignored(world: World):
    ann = world.api.user(1001, "Ann")
    group = world.api.group(-500, "Team")
    world.api.send_group_text(group, ann, "/start")
    world.api.send_group_text(group, ann, "hallo")
    await world.bot.settle()
    assert world.api.messages(group) == []
    assert await world.bot.services.storage.users.get(ann.id) is None


async def test_forged_and_stale_buttons_get_a_polite_answer(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    await onboard(world, ann)
    await onboard(world, bob)
    await world.say(bob, "/questions 1")
    await world.say(bob, "/today")
    await world.tap(bob, "Overslaan")
    bobs_energy = world.api.last_message(bob)
    step_id = bobs_energy.buttons[0][0].callback_data.split(":")[1]
    await world.say(ann, "/today")
    target = world.api.last_message(ann).message_id
    for data in (f"a:{step_id}:1", "a:999999:3", "s:lang:xx", "garbage", "k:abc"):
        world.api.press(ann, target, data)
        await world.bot.settle()
    storage = world.bot.services.storage
    assert (await storage.checkins.step(int(step_id))).state == "open"  # Bob's scale untouched
    toasts = [c.params.get("text") for c in world.api.calls_to("answerCallbackQuery")[-5:]]
    assert toasts.count("Deze knop is niet meer geldig.") >= 3
    # A button pressed twice: the second tap is stale.
    await world.tap(bob, "5")
    world.api.press(bob, bobs_energy.message_id, f"a:{step_id}:2")
    await world.bot.settle()
    assert (await storage.checkins.step(int(step_id))).score == 5


async def test_a_long_answer_is_stored_whole(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    text = ("Een lange reflectie met emoji 🙂 en עברית. " * 100)[:4096]
    await world.say(ann, text)
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, DUE_MONDAY.date())
    first = (await storage.checkins.steps(checkin.id))[0]
    assert [a.text for a in await storage.checkins.answers(first.id)] == [text]


async def test_text_without_an_open_question_points_to_today(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "Zomaar iets")
    assert "/today" in world.last_text(ann)


async def test_a_stranger_typing_first_gets_the_welcome(world: World):
    cem = world.api.user(1003, "Cem")
    await world.say(cem, "hallo?")
    assert "Sherpa" in world.last_text(cem)


@pytest.mark.slow
async def test_a_short_telegram_outage_is_ridden_out_within_the_tick(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    world.api.fail_next("sendMessage", 502, "Bad Gateway", count=2)
    assert await world.bot.run_schedule() == 1
    intros = [t for t in world.texts(ann) if "Richtingsaanwijzer" in t]
    assert len(intros) == 1


@pytest.mark.slow
async def test_a_longer_outage_leaves_the_message_for_a_later_tick(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    world.api.fail_next("sendMessage", 503, "Service Unavailable", count=4)
    assert await world.bot.run_schedule() == 0
    [item] = await world.bot.services.storage.outbox.items("checkin")
    assert item.state == "pending" and item.attempts == 1
    world.clock.advance(timedelta(minutes=2))  # past the back-off
    assert await world.bot.run_schedule() == 1
    assert await world.bot.run_schedule() == 0
    intros = [t for t in world.texts(ann) if "Richtingsaanwijzer" in t]
    assert len(intros) == 1


async def test_a_blocked_user_is_skipped_without_stopping_the_others(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    await onboard(world, ann)
    await onboard(world, bob)
    world.api.block(ann)
    world.clock.set(DUE_MONDAY)
    assert await world.bot.run_schedule() == 1
    assert "Richtingsaanwijzer" in world.last_text(bob)
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=1)


async def test_a_failing_handler_apologises_and_the_bot_goes_on(world: World, monkeypatch):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)

    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.checkin.dialog.steps.start_now", broken)
    await world.say(ann, "/today")
    assert "Sorry" in world.last_text(ann)
    monkeypatch.undo()
    await world.say(ann, "/today")
    assert "Richtingsaanwijzer" in world.last_text(ann)


async def test_a_failing_command_menu_does_not_stop_the_bot(world: World):
    world.api.fail_next("setMyCommands", 400, "Bad Request: bad commands", count=3)
    await world.restart()
    ann = world.api.user(1001, "Ann")
    await world.say(ann, "/start")
    assert "Sherpa" in world.last_text(ann)


@pytest.mark.slow
async def test_logs_hold_neither_the_token_nor_any_answer(world: World, caplog, restore_logging):
    configure_logging("DEBUG", secrets=[world.api.token])
    logging.getLogger().addHandler(caplog.handler)  # configure_logging replaced the handlers
    caplog.set_level(logging.DEBUG)
    ann: FakeUser = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    secret_answer = "Geheime reflectie over de verhuis"
    await answer_checkin(world, ann, secret_answer, "Tweede geheim antwoord")
    held = "Mevrouw Peeters belde me op 0470 12 34 56"
    await world.say(ann, held, reply_to=world.api.messages(ann)[-5].message_id)
    await world.tap(ann, "Bewaar zoals ik het schreef")
    world.api.fail_next("sendMessage", 500, "Internal Server Error")
    await world.say(ann, "/help")
    await world.restart()
    logged = caplog.text
    assert logged  # DEBUG logging really ran
    secrets = (world.api.token, world.api.token.split(":")[1], secret_answer, "Tweede geheim")
    for secret in (*secrets, "Peeters", "0470"):
        assert secret not in logged
