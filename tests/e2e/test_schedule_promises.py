"""The schedule keeps its word: no nudge beside a check-in, no moment lost to a late setting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from standin import FakeUser
from tests.helpers import DUE_MONDAY, World, onboard

WEDNESDAY_1630 = DUE_MONDAY + timedelta(days=2)
FRIDAY_1700 = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # 17:00 in Brussels
LATE = timedelta(seconds=5)  # after the moment fell due, before the schedule reader looked


def checkins(world: World, user: FakeUser) -> list[str]:
    return [t for t in world.texts(user) if "Richtingsaanwijzer" in t]


def nudges(world: World, user: FakeUser) -> list[str]:
    catalog = world.bot.services.texts.entries["nl"]["weekly.nudge"]
    return [t for t in world.texts(user) if t in catalog]


def photos(world: World, user: FakeUser) -> list:
    return [m for m in world.api.messages(user) if m.kind == "photo"]


@pytest.mark.slow
async def test_on_a_wednesday_with_a_checkin_no_nudge_comes_beside_it(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)  # Monday to Friday, 16:30
    for day in range(3):  # Ann lets Monday's and Tuesday's check-ins pass
        world.clock.set(DUE_MONDAY + timedelta(days=day))
        await world.bot.run_schedule()
    assert len(checkins(world, ann)) == 3
    assert nudges(world, ann) == []  # Wednesday's check-in is the invitation; nothing beside it
    states = {i.state for i in await world.bot.services.storage.outbox.items("nudge")}
    assert states <= {"dropped"}


@pytest.mark.slow
async def test_a_checkin_day_added_after_the_nudge_fell_due_stops_it(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/days ma,do")  # a standalone nudge is planned for Wednesday
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.moments["next_nudge_at"] == WEDNESDAY_1630
    world.clock.set(DUE_MONDAY)
    await world.bot.run_schedule()  # Monday's check-in
    world.clock.set(WEDNESDAY_1630 + LATE)
    await world.say(ann, "/days ma,wo,do")  # now a check-in comes on Wednesday
    await world.bot.run_schedule()
    # The nudge had fallen due, but Wednesday is a check-in day now: no nudge, ever, there.
    assert len(checkins(world, ann)) == 1 and nudges(world, ann) == []


@pytest.mark.slow
async def test_after_days_of_downtime_the_checkin_due_within_grace_still_comes(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.bot.stop()  # down from Monday morning until just after Wednesday's 16:30
    world.clock.set(WEDNESDAY_1630 + timedelta(minutes=10))
    await world.start_again()
    await world.bot.run_schedule()
    assert len(checkins(world, ann)) == 1  # Monday's and Tuesday's were past their grace
    checkin = await world.bot.services.storage.checkins.for_date(ann.id, WEDNESDAY_1630.date())
    assert checkin is not None and checkin.delivered
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == WEDNESDAY_1630 + timedelta(days=1)


# (command, when it is typed, what fell due just before and must still come)
LATE_CHANGES = [
    ("/nudges uit", DUE_MONDAY + LATE, "checkin"),
    ("/time 17:15", DUE_MONDAY + LATE, "checkin"),
    ("/days di,wo", DUE_MONDAY + LATE, "checkin"),
    ("/tz Europe/London", DUE_MONDAY + LATE, "checkin"),
    ("/week za 10:00", FRIDAY_1700 + LATE, "verrekijker"),
    ("/questions 1", DUE_MONDAY + LATE, "checkin"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("command", "moment", "kind"), LATE_CHANGES)
async def test_a_setting_changed_after_a_moment_fell_due_never_drops_it(
    world: World, command: str, moment: datetime, kind: str
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(moment)
    await world.say(ann, command)
    await world.bot.run_schedule()
    if kind == "checkin":
        assert len(checkins(world, ann)) == 1
    else:
        assert len(photos(world, ann)) == 1
    # The new settings hold from here on, and the same period never gets a second one.
    world.clock.advance(timedelta(hours=2))
    await world.bot.run_schedule()
    assert len(checkins(world, ann) if kind == "checkin" else photos(world, ann)) == 1


async def test_a_new_time_holds_from_the_next_day(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY + LATE)
    await world.say(ann, "/time 17:15")
    await world.bot.run_schedule()  # the 16:30 check-in that fell due
    world.clock.set(DUE_MONDAY + timedelta(minutes=45))  # 17:15: the day has its check-in
    await world.bot.run_schedule()
    assert len(checkins(world, ann)) == 1
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=1, minutes=45)  # Tuesday 17:15


@pytest.mark.slow
async def test_a_standalone_nudge_survives_a_late_change_but_not_nudges_off(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    for user in (ann, bob):
        await onboard(world, user)
        await world.say(user, "/days ma,do")  # Wednesday is a day without a check-in
    world.clock.set(WEDNESDAY_1630 + LATE)
    await world.say(ann, "/time 18:00")
    await world.say(bob, "/nudges uit")  # what Bob just said counts, also for a due nudge
    await world.bot.run_schedule()
    assert len(nudges(world, ann)) == 1
    assert nudges(world, bob) == []


async def test_resume_after_a_dated_pause_keeps_the_checkin_that_fell_due(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/pause 1")  # Monday only
    world.clock.set(DUE_MONDAY + timedelta(days=1) + LATE)  # Tuesday 16:30:05
    await world.say(ann, "/resume")
    await world.bot.run_schedule()
    assert len(checkins(world, ann)) == 1


async def test_a_pause_typed_after_the_moment_still_means_nothing_is_sent(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY + LATE)
    await world.say(ann, "/pause")
    await world.bot.run_schedule()
    assert checkins(world, ann) == []
