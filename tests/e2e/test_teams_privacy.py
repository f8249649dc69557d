"""Teams never expose anyone: members, former members and outsiders see counts at most."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.teams import actions
from bot.teams.callbacks import TEAM, TeamAction, TeamJoin
from bot.teams.service import Teams
from standin import FakeChat, FakeUser
from tests.e2e.test_teams import (
    WEEK1,
    at,
    create_team,
    digest_time,
    digests,
    join,
    member,
    team_with_group,
)
from tests.helpers import World, answer_checkin

SECRET = "GEHEIM-verhaal-van-Ann"
EXPIRED = "Deze knop is niet meer geldig."


def everything_seen(world: World, chat: FakeUser | FakeChat) -> str:
    """Every bot message in a chat, as text, with its buttons and their data."""
    parts = []
    for message in world.api.messages(chat):
        parts.append(message.shown_text)
        parts.extend(f"{b.text} {b.callback_data}" for row in message.buttons for b in row)
    return "\n".join(parts)


def toasts(world: World, count: int) -> list[str | None]:
    return [c.params.get("text") for c in world.api.calls_to("answerCallbackQuery")[-count:]]


@pytest.mark.slow
async def test_no_answer_score_or_missing_name_reaches_anyone_else(world: World):
    ann, bob, cem, group = await team_with_group(world)
    # Ann reflects with her own words and low scores on three days; Bob only once.
    for offset in range(3):
        world.clock.set(at(WEEK1 + timedelta(days=offset), 10))
        await world.say(ann, "/today")
        await world.say(ann, SECRET)
        await world.tap(ann, "1")
        await world.tap(ann, "2")
    world.clock.set(at(WEEK1 + timedelta(days=3), 10))
    await world.say(bob, "/today")
    await answer_checkin(world, bob, "Bob zijn antwoord")
    await world.say(bob, "/team")
    world.api.send_group_text(group, bob, "/team")
    await world.bot.settle()
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    await digest_time(world, WEEK1 + timedelta(weeks=2))
    for chat in (bob, cem, group):
        seen = everything_seen(world, chat)
        assert SECRET not in seen and "Ann" not in seen
    for chat in (cem, group):  # neither did a check-in: no scale may show up there at all
        seen = everything_seen(world, chat)
        assert "Energie" not in seen and "Grenzen" not in seen and "/5" not in seen
    group_seen = everything_seen(world, group)
    assert "Bob" not in group_seen and "Cem" not in group_seen
    assert "Bob zijn antwoord" not in everything_seen(world, ann)
    assert len(digests(world, group)) == 2


async def test_outsiders_guessing_codes_are_throttled_and_see_nothing(world: World):
    ann, dan = world.api.user(1, "Ann"), world.api.user(4, "Dan")
    await member(world, ann)
    await member(world, dan)
    code = await create_team(world, ann, "Geheim Team")
    # Five near misses, never the code itself (a random code ends in "x" once in 64).
    last_changed = code[:-1] + ("y" if code.endswith("x") else "x")
    case_changed = code.lower() if code.lower() != code else code + "x"
    for guess in ("AAAAAAAAAAAAAAAA", last_changed, "a", "<b>hoi</b>", case_changed):
        await world.say(dan, f"/team join {guess}")
        assert "werkt niet (meer)" in world.last_text(dan)
    # Five wrong codes in ten minutes: even the right one waits now.
    await world.say(dan, f"/start team_{code}")
    assert "over tien minuten" in world.last_text(dan)
    world.clock.advance(timedelta(minutes=11))
    await world.say(dan, f"/team join {code}")
    assert "Wat het team ziet" in world.last_text(dan)
    assert "Geheim Team" not in "".join(world.texts(dan)[:-1])


@pytest.mark.slow
async def test_forged_buttons_show_nothing_and_change_nothing(world: World):
    ann, bob, dan = world.api.user(1, "Ann"), world.api.user(2, "Bob"), world.api.user(4, "Dan")
    for user in (ann, bob, dan):
        await member(world, user)
    code = await create_team(world, ann)
    await join(world, bob, code)
    storage = world.bot.services.storage
    [(team, _m)] = await storage.teams.teams_of(ann.id)
    await world.say(dan, "/team")
    await world.say(bob, "/team")
    forged = [
        TeamAction("lv", team.id),
        TeamAction("rm", team.id),
        TeamAction("ru", team.id, ann.id),
        TeamAction("ru", team.id, bob.id),
        TeamAction("ha", team.id),
        TeamAction("hu", team.id, bob.id),
        TeamAction("hu", team.id, dan.id),
        TeamAction("gl", team.id, 1),
        TeamAction("cd", team.id),
        TeamAction("rn", team.id),
        TeamAction("lk", team.id),
        TeamAction("lv", team.id + 1),
        TeamJoin("AAAAAAAAAAAAAAAA"),
    ]
    before_dan = len(world.api.messages(dan))
    for payload in forged:  # an outsider
        world.api.press(dan, world.api.last_message(dan).message_id, TEAM.encode(payload))
        await world.bot.settle()
    assert toasts(world, len(forged)) == [EXPIRED] * len(forged)
    assert len(world.api.messages(dan)) == before_dan
    for payload in forged[1:11]:  # a member, not the admin
        world.api.press(bob, world.api.last_message(bob).message_id, TEAM.encode(payload))
        await world.bot.settle()
    assert toasts(world, 10) == [EXPIRED] * 10
    for data in ("t:lv:abc", "t:zz:1", "t:ru:1:2:3"):
        world.api.press(bob, world.api.last_message(bob).message_id, data)
        await world.bot.settle()
    assert toasts(world, 3) == [EXPIRED] * 3
    # The same payloads, past Telegram's button check, at the team layer itself.
    teams = Teams.bound(world.bot.services)
    outsider, plain_member = await storage.users.get(dan.id), await storage.users.get(bob.id)
    for who, payloads in ((outsider, forged[:12]), (plain_member, forged[1:11])):
        for payload in payloads:
            answer = await actions.tap(teams, who, "X", payload, "sherpa_test_bot")
            assert answer.expired and answer.text is None and answer.notices == []
    roles = {m.user_id: m.role for m in await storage.teams.members(team.id)}
    assert roles == {ann.id: "admin", bob.id: "member"}
    assert (await storage.teams.get(team.id)).goal_days == 3
    seen = everything_seen(world, dan) + everything_seen(world, bob)
    assert "Ann" not in seen


@pytest.mark.slow
async def test_stale_buttons_stop_working_when_the_role_or_membership_is_gone(world: World):
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem")))
    for user in (ann, bob, cem):
        await member(world, user)
    code = await create_team(world, ann)
    await join(world, bob, code)
    await join(world, cem, code)
    await world.say(ann, "/team remove")  # Ann's member buttons, while she is admin
    remove_buttons = world.api.last_message(ann)
    await world.say(bob, "/team leave")  # Bob's leave button, while he is a member
    leave_button = world.api.last_message(bob)
    await world.say(ann, "/team admin")
    await world.tap(ann, "Cem")
    world.api.press(ann, remove_buttons.message_id, remove_buttons.buttons[0][0].callback_data)
    await world.bot.settle()
    assert toasts(world, 1) == [EXPIRED]  # no longer the admin
    await world.say(cem, "/team remove")
    await world.tap(cem, "Bob")
    world.api.press(bob, leave_button.message_id, leave_button.buttons[0][0].callback_data)
    await world.bot.settle()
    assert toasts(world, 1) == [EXPIRED]  # no longer a member
    storage = world.bot.services.storage
    [(team, _m)] = await storage.teams.teams_of(ann.id)
    roles = {m.user_id: m.role for m in await storage.teams.members(team.id)}
    assert roles == {ann.id: "member", cem.id: "admin"}


@pytest.mark.slow
async def test_a_former_member_sees_no_team_and_gets_no_digest(world: World):
    people = [world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem"), (4, "Dora"))]
    ann, bob = people[:2]
    for person in people:
        await member(world, person)
    code = await create_team(world, ann)
    for person in people[1:]:
        await join(world, person, code)
    await world.say(bob, "/team leave")
    await world.tap(bob, "Verlaat Team Noord")
    leave_message = world.api.last_message(bob)
    [(team, _m)] = await world.bot.services.storage.teams.teams_of(ann.id)
    world.api.press(bob, leave_message.message_id, TEAM.encode(TeamAction("lv", team.id)))
    await world.bot.settle()
    assert toasts(world, 1) == [EXPIRED]
    await world.say(bob, "/team")
    assert "Team Noord" not in world.last_text(bob)
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    assert digests(world, bob) == [] and len(digests(world, ann)) == 1
