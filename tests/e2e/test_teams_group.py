"""A team's Telegram group, the schedule reader, and a member moving timezones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.teams import service
from bot.teams.progress import week_progress
from bot.teams.service import Teams
from standin import FakeChat, FakeUser
from tests.e2e.test_teams import (
    BRUSSELS,
    WEEK1,
    at,
    create_team,
    digests,
    join,
    member,
    reflect,
)
from tests.helpers import World


async def in_group(world: World, group: FakeChat, user: FakeUser, text: str) -> None:
    """One message in the group, handled before the next (senders run concurrently)."""
    world.api.send_group_text(group, user, text)
    await world.bot.settle()


@pytest.mark.slow
async def test_in_a_group_only_team_commands_are_answered(world: World):
    ann, bob = world.api.user(1, "Ann"), world.api.user(2, "Bob")
    group = world.api.group(-1001, "Koffiehoek")
    await member(world, ann)
    await member(world, bob)
    code = await create_team(world, ann)
    await join(world, bob, code)
    for text in ("/today", "/start", "/help", "hallo allemaal"):
        world.api.send_group_text(group, ann, text)
    await world.bot.settle()
    assert world.api.messages(group) == []
    await in_group(world, group, bob, "/team link")  # Bob is not the admin
    await in_group(world, group, ann, "/team@sherpa_test_bot")
    assert "Alleen de beheerder" in world.api.messages(group)[0].text
    assert "Hier post ik alleen" in world.last_text(group)
    await in_group(world, group, ann, "/team link")
    await in_group(world, group, bob, "/team")
    await in_group(world, group, bob, "/team join abc")
    linked, status, private = (m.text for m in world.api.messages(group)[-3:])
    assert "hoort nu bij Team Noord" in linked
    assert "Leden: 2" in status and "geen teamcijfers" in status and "Bob" not in status
    assert "privégesprek" in private
    # Nobody was registered from the group, and Bob's private chat stays his own.
    assert (await world.bot.services.storage.users.get(bob.id)).chat_id == bob.id
    await in_group(world, group, bob, "/team unlink")
    await in_group(world, group, ann, "/team unlink")
    assert "alleen de beheerder" in world.api.messages(group)[-2].text
    assert "niet meer gekoppeld" in world.last_text(group)


@pytest.mark.slow
async def test_group_replies_stay_within_telegrams_limits(world: World):
    ann = world.api.user(1, "Ann")
    group = world.api.group(-1001, "Koffiehoek")
    await member(world, ann)
    for _ in range(15):
        world.api.send_group_text(group, ann, "/team")
    await world.bot.settle()
    assert len(world.api.messages(group)) == 10
    world.clock.advance(timedelta(minutes=1, seconds=1))
    world.api.send_group_text(group, ann, "/team")
    await world.bot.settle()
    assert len(world.api.messages(group)) == 11


async def test_an_admin_of_several_teams_picks_the_group_team_in_private(world: World):
    ann = world.api.user(1, "Ann")
    group = world.api.group(-1001, "Koffiehoek")
    await member(world, ann)
    await create_team(world, ann, "Team Noord")
    await create_team(world, ann, "Team Zuid")
    world.api.send_group_text(group, ann, "/team link")
    await world.bot.settle()
    assert "privébericht" in world.last_text(group)
    assert "Koffiehoek" in world.last_text(ann)
    await world.tap(ann, "Team Zuid → Koffiehoek")
    assert "hoort nu bij Team Zuid" in world.last_text(group)
    storage = world.bot.services.storage
    assert (await storage.teams.by_group(group.id)).name == "Team Zuid"


@pytest.mark.slow
async def test_the_schedule_reader_sends_the_team_digest(world: World):
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem")))
    for user in (ann, bob, cem):
        await member(world, user)
    code = await create_team(world, ann)
    await join(world, bob, code)  # new this week, like Cem: they can help, not break
    await join(world, cem, code)
    await reflect(world, WEEK1, ann)
    await reflect(world, WEEK1 + timedelta(days=1), ann)
    await reflect(world, WEEK1 + timedelta(days=2), ann)
    world.clock.set(at(WEEK1 + timedelta(weeks=1), 9))
    await world.bot.run_schedule()
    [digest] = digests(world, ann)
    assert "Doel gehaald" in digest and "Reeks: 1 week" in digest


@pytest.mark.slow
async def test_a_members_new_timezone_moves_no_past_week(world: World):
    ann, bob = world.api.user(1, "Ann"), world.api.user(2, "Bob")
    await member(world, ann)
    await member(world, bob)
    code = await create_team(world, ann)
    await join(world, bob, code)
    # Sunday 23:30 in Brussels is already Monday in Auckland: it stays in week 1.
    world.clock.set(at(WEEK1 + timedelta(days=6), 23, 30))
    await world.say(bob, "/today")
    await world.say(bob, "laat op de avond")
    services = world.bot.services
    [(team, _m)] = await services.storage.teams.teams_of(ann.id)

    async def progress(week):
        members = await service.member_weeks(Teams.bound(services), team, week)
        return week_progress(members, week, BRUSSELS, 1)

    before = [await progress(WEEK1), await progress(WEEK1 + timedelta(weeks=1))]
    assert before[0].on_track == 1 and before[1].on_track == 0
    world.clock.set(at(WEEK1 + timedelta(days=7), 8))
    await world.say(bob, "/tz Pacific/Auckland")
    assert [await progress(WEEK1), await progress(WEEK1 + timedelta(weeks=1))] == before
