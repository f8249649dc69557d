"""Teams end to end through the stand-in: invite, join, the weekly goal, streak and digest."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.teams import digest as team_digest
from bot.teams.kinds import TEAM_DIGEST
from standin import FakeChat, FakeUser, SentMessage
from tests.helpers import World, answer_checkin, onboard

BRUSSELS = ZoneInfo("Europe/Brussels")
WEEK1 = date(2026, 3, 2)  # the conftest clock starts on this Monday, 09:00 Brussels
LINK = re.compile(r"https://t\.me/sherpa_test_bot\?start=team_([A-Za-z0-9_-]{16})")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A Brussels wall-clock moment as UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS).astimezone(UTC)


async def member(world: World, user: FakeUser) -> None:
    """Onboard with one question per check-in, so a reflection is quick."""
    await onboard(world, user)
    await world.say(user, "/questions 1")


async def reflect(world: World, day: date, *users: FakeUser, words: str = "kort gesprek") -> None:
    """Each user does /today at 10:00 Brussels on `day` and answers everything."""
    world.clock.set(at(day, 10))
    for user in users:
        await world.say(user, "/today")
        await answer_checkin(world, user, f"{words} ({user.first_name})")


async def create_team(world: World, admin: FakeUser, name: str = "Team Noord") -> str:
    """Create a team; returns the invite code from the link."""
    await world.say(admin, f"/team create {name}")
    found = LINK.search(world.last_text(admin))
    assert found is not None
    return found.group(1)


def offer_of(world: World, user: FakeUser) -> SentMessage:
    return next(m for m in reversed(world.api.messages(user)) if "✅ Ik doe mee" in m.button_labels)


async def join(world: World, user: FakeUser, code: str) -> None:
    """/team join CODE and tap the join button under the offer."""
    await world.say(user, f"/team join {code}")
    offer = offer_of(world, user)
    world.api.press(user, offer.message_id, offer.buttons[0][0].callback_data or "")
    await world.bot.settle()


def digests(world: World, chat: FakeUser | FakeChat) -> list[str]:
    return [m.text or "" for m in world.api.messages(chat) if "· week van" in (m.text or "")]


async def digest_time(world: World, monday: date, hour: int = 9) -> int:
    """Monday 09:00 in Brussels: the team digest of the week before falls due and goes out.

    Only the team digests run here (the schedule reader queues them after the users'
    kinds), so these tests do not depend on the other weekly messages.
    """
    world.clock.set(at(monday, hour))
    services = world.bot.services
    outbox = services.storage.outbox

    async def sent() -> int:
        return sum(i.state == "sent" for i in await outbox.items(team_digest.KIND))

    before = await sent()
    await TEAM_DIGEST.enqueue_due(services, services.clock.now())
    await world.bot.runtime.worker.drain()
    return await sent() - before


@pytest.mark.slow
async def test_create_invite_and_join_after_seeing_what_the_team_sees(world: World):
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem")))
    await member(world, ann)
    code = await create_team(world, ann)
    created = world.last_text(ann)
    assert "Team Noord" in created and f"/team join {code}" in created
    # Bob is new: the link brings the offer first, and joining waits for his tap.
    await world.say(bob, f"/start team_{code}")
    offer = offer_of(world, bob)
    assert "Wat het team ziet" in offer.text and "je antwoorden en je scores" in offer.text
    assert "Leden nu: 1" in offer.text and "Bob" in offer.text
    storage = world.bot.services.storage
    assert await storage.teams.teams_of(bob.id) == []
    assert "In welke taal" in world.last_text(bob)  # a newcomer then sets up as usual
    world.api.press(bob, offer.message_id, offer.buttons[0][0].callback_data or "")
    await world.bot.settle()
    assert "Welkom in" in world.api.messages(bob)[offer_index(world, bob, offer)].text
    await member(world, bob)
    await member(world, cem)
    await join(world, cem, code)
    await world.say(ann, "/team")
    overview = world.last_text(ann)
    assert "Leden: 3" in overview and "beheerder" in overview
    assert "op koers" not in overview  # three members: no counts (see bot/teams/privacy.py)
    await reflect(world, WEEK1, bob)
    await world.say(bob, "/team")
    assert "Jouw dagen deze week: 1 (doel: 3)" in world.last_text(bob)
    assert "beheerder" not in world.last_text(bob)


async def team_with_group(world: World) -> tuple[FakeUser, FakeUser, FakeUser, FakeChat]:
    """Ann (admin), Bob and Cem in "Team Noord", linked to a group by Ann."""
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem")))
    group = world.api.group(-1001, "Team Noord")
    for user in (ann, bob, cem):
        await member(world, user)
    code = await create_team(world, ann)
    await join(world, bob, code)
    await join(world, cem, code)
    world.api.send_group_text(group, ann, "/team link")
    await world.bot.settle()
    return ann, bob, cem, group


def offer_index(world: World, user: FakeUser, offer: SentMessage) -> int:
    ids = [m.message_id for m in world.api.messages(user)]
    return ids.index(offer.message_id)


@pytest.mark.slow
async def test_weeks_met_missed_frozen_paused_and_a_milestone_with_a_group(world: World):
    ann, bob, cem, group = await team_with_group(world)
    assert "Deze groep hoort nu bij Team Noord" in world.last_text(group)

    # Week 1, goal 3 days: Ann and Bob reach it; Cem, new this week, can help but not break.
    for offset in range(3):
        await reflect(world, WEEK1 + timedelta(days=offset), ann, bob)
    await reflect(world, WEEK1 + timedelta(days=3), cem)
    await digest_time(world, WEEK1 + timedelta(weeks=1), hour=8)  # not yet
    assert digests(world, ann) == []
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    [first] = digests(world, ann)
    assert "Doel gehaald" in first and " van 2)" not in first and "net gestart" not in first
    assert "Reeks: 1 week" in first
    assert digests(world, cem) == [first] and digests(world, group) == [first]
    await world.say(ann, "/team goal 1")
    assert "minstens 1 dagen" in world.last_text(ann)

    # Week 2: only Ann reflects; the freeze keeps the streak, warmly.
    week2 = WEEK1 + timedelta(weeks=1)
    await reflect(world, week2 + timedelta(days=1), ann)
    await digest_time(world, week2 + timedelta(weeks=1))
    second = digests(world, bob)[-1]
    assert "joker in: de reeks loopt gewoon door" in second and "op koers" not in second
    assert "Reeks: 1 week" in second

    # Week 3: everyone; week 4: Cem pauses and is excused.
    week3 = week2 + timedelta(weeks=1)
    await reflect(world, week3 + timedelta(days=2), ann, bob, cem)
    week4 = week3 + timedelta(weeks=1)
    await digest_time(world, week4)
    assert "Reeks: 2 weken op rij" in digests(world, ann)[-1]
    world.clock.set(at(week4, 9, 30))
    await world.say(cem, "/pause")
    await reflect(world, week4 + timedelta(days=4), ann, bob)
    # Monday after week 4 (summer time began on Sunday): Cem is paused, so no digest for Cem.
    await digest_time(world, week4 + timedelta(weeks=1))
    fourth = digests(world, ann)[-1]
    assert "Doel gehaald" in fourth and "Reeks: 3 weken" in fourth and "pauze" not in fourth
    assert len(digests(world, cem)) == 3
    await world.say(cem, "/resume")

    # Week 5: Ann and Bob again (Cem was paused into Monday: excused): four weeks, celebrated.
    week5 = week4 + timedelta(weeks=1)
    await reflect(world, week5 + timedelta(days=1), ann, bob)
    await digest_time(world, week5 + timedelta(weeks=1))
    fifth = digests(world, cem)[-1]
    assert "4 weken op rij!" in fifth and "De top blijft van wie jullie begeleiden" in fifth

    # Week 6: missed, and four weeks after the first freeze the team has a new one.
    week6 = week5 + timedelta(weeks=1)
    await reflect(world, week6, ann)
    await digest_time(world, week6 + timedelta(weeks=1))
    assert "joker" in digests(world, ann)[-1] and "Reeks: 4 weken" in digests(world, ann)[-1]

    # Week 7: missed again, no freeze left: the streak starts over, without blame.
    week7 = week6 + timedelta(weeks=1)
    await reflect(world, week7 + timedelta(days=3), cem)
    await digest_time(world, week7 + timedelta(weeks=1))
    last = digests(world, bob)[-1]
    assert "kwam het weekdoel er niet" in last and "De reeks begint opnieuw" in last
    assert "Cem" not in last and "Ann" not in last

    # One digest per week, never twice: not on another tick, not after a restart.
    await digest_time(world, week7 + timedelta(weeks=1))
    await world.restart()
    await digest_time(world, week7 + timedelta(weeks=1), hour=10)
    assert len(digests(world, ann)) == 7 and len(digests(world, group)) == 7
    assert len(digests(world, cem)) == 6
    await world.say(ann, "/team")
    assert "Reeks: nog geen" in world.last_text(ann)


async def _three(world: World) -> tuple[FakeUser, FakeUser, FakeUser, str]:
    ann, bob, cem = (world.api.user(i, n) for i, n in ((1, "Ann"), (2, "Bob"), (3, "Cem")))
    for user in (ann, bob, cem):
        await member(world, user)
    code = await create_team(world, ann)
    await join(world, bob, code)
    await join(world, cem, code)
    return ann, bob, cem, code


@pytest.mark.slow
async def test_leave_hand_over_remove_and_the_last_one_out_closes_the_team(world: World):
    ann, bob, cem, _ = await _three(world)
    storage = world.bot.services.storage
    [(team, _m)] = await storage.teams.teams_of(ann.id)
    # The admin leaves: Bob, the longest-standing member, takes over and hears so.
    await world.say(ann, "/team leave")
    await world.tap(ann, "Verlaat Team Noord")
    assert "Je zit niet meer in Team Noord" in world.last_text(ann)
    assert "Je bent nu beheerder van" in world.last_text(bob)
    await world.say(ann, "/team")
    assert "Samen op pad" in world.last_text(ann) and "Team Noord" not in world.last_text(ann)
    # Bob hands the role to Cem, then cannot manage any more.
    await world.say(bob, "/team admin")
    await world.tap(bob, "Cem")
    assert "Cem is nu beheerder" in world.last_text(bob)
    assert "Je bent nu beheerder" in world.last_text(cem)
    await world.say(bob, "/team remove")
    assert "alleen de beheerder" in world.last_text(bob)
    # Cem removes Bob; Bob is told, kindly.
    await world.say(cem, "/team remove")
    assert world.api.last_message(cem).button_labels == ["Bob", "Laat maar"]
    await world.tap(cem, "Bob")
    assert "Bob zit niet meer in Team Noord" in world.last_text(cem)
    assert "Je reflecties blijven gewoon van jou" in world.last_text(bob)
    await world.say(cem, "/team leave")
    await world.tap(cem, "Verlaat Team Noord")
    assert "het team is opgeheven" in world.last_text(cem)
    assert await storage.teams.get(team.id) is None


@pytest.mark.slow
async def test_deleting_an_account_removes_the_person_from_every_team(world: World):
    ann, bob, _cem, _code = await _three(world)
    await world.say(ann, "/team create Tweede team")
    storage = world.bot.services.storage
    assert len(await storage.teams.teams_of(ann.id)) == 2
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    assert await storage.teams.teams_of(ann.id) == []
    [(team, membership)] = await storage.teams.teams_of(bob.id)
    assert membership.is_admin and len(await storage.teams.members(team.id)) == 2
    await world.say(bob, "/team")
    assert "Leden: 2" in world.last_text(bob) and "beheerder" in world.last_text(bob)


@pytest.mark.slow
async def test_admin_actions_ask_which_team_when_there_are_several(world: World):
    ann, bob, _cem, _code = await _three(world)
    await world.say(ann, "/team create Team Zuid")
    await world.say(ann, "/team rename Team West")
    assert world.last_text(ann) == "Voor welk team?"
    assert world.api.last_message(ann).button_labels == ["Team Noord", "Team Zuid", "Laat maar"]
    await world.tap(ann, "Team Zuid")
    assert "Het team heet nu Team West" in world.last_text(ann)
    await world.say(ann, "/team goal 5")
    await world.tap(ann, "Team Noord: 5 dagen")
    assert "minstens 5 dagen" in world.last_text(ann)
    await world.say(bob, "/team")
    assert "doel: minstens 5 dagen" in world.last_text(bob)
    # A renewed code: the old link stops working, the new one works.
    await world.say(ann, "/team code")
    await world.tap(ann, "Team West")
    new_code = LINK.search(world.last_text(ann)).group(1)
    dan = world.api.user(4, "Dan")
    await member(world, dan)
    await join(world, dan, new_code)
    assert "Welkom in Team West" in "".join(world.texts(dan))
    await world.say(ann, "/team goal 9")
    assert "1 tot 7 dagen" in world.last_text(ann)
    await world.say(ann, "/team create")
    assert "1 tot 40 tekens" in world.last_text(ann)


async def test_an_old_code_stops_working_when_renewed(world: World):
    ann, bob = world.api.user(1, "Ann"), world.api.user(2, "Bob")
    await member(world, ann)
    await member(world, bob)
    old = await create_team(world, ann)
    await world.say(bob, f"/team join {old}")
    offer = offer_of(world, bob)
    await world.say(ann, "/team code")
    assert "vorige werkt niet meer" in world.last_text(ann)
    # Bob taps the offer he got before the renewal: it no longer lets him in.
    world.api.press(bob, offer.message_id, offer.buttons[0][0].callback_data or "")
    await world.bot.settle()
    assert "werkt niet (meer)" in world.api.messages(bob)[-1].text
    assert await world.bot.services.storage.teams.teams_of(bob.id) == []


@pytest.mark.slow
async def test_a_sixth_team_is_refused(world: World):
    ann, bob = world.api.user(1, "Ann"), world.api.user(2, "Bob")
    await member(world, ann)
    await member(world, bob)
    codes = [await create_team(world, ann, f"Team {n}") for n in range(5)]
    await world.say(ann, "/team create Team 6")
    assert "vijf teams" in world.last_text(ann)
    for code in codes:
        await join(world, bob, code)
    await world.say(bob, "/team create Eigen team")
    assert "vijf teams" in world.last_text(bob)


@pytest.mark.slow
async def test_an_invite_link_for_someone_set_up_already_shows_only_the_offer(world: World):
    ann, bob, eve = world.api.user(1, "Ann"), world.api.user(2, "Bob"), world.api.user(5, "Eve")
    await member(world, ann)
    await member(world, eve)
    await member(world, bob)
    await world.say(eve, "/lang en")
    code = await create_team(world, ann)
    count = len(world.api.messages(eve))
    await world.say(eve, f"/start team_{code}")
    [offer] = world.api.messages(eve)[count:]
    assert "What the team sees" in offer.text and offer.button_labels == [
        "✅ I'll join",
        "No, thanks",
    ]
    await world.tap(eve, "No, thanks")
    assert "nothing changed" in world.last_text(eve)
    assert await world.bot.services.storage.teams.teams_of(eve.id) == []
    await join_en(world, eve, code)
    await join(world, bob, code)  # a team of three: the week's outcome may be shown
    await world.say(ann, "/team goal 1")
    await reflect(world, WEEK1 + timedelta(days=1), ann, eve)
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    [digest] = digests(world, ann)
    assert "Doel gehaald" in digest
    english = [m.text for m in world.api.messages(eve) if "· week of 2 March" in (m.text or "")]
    assert len(english) == 1 and "Goal met" in english[0]


async def join_en(world: World, user: FakeUser, code: str) -> None:
    await world.say(user, f"/team join {code}")
    await world.tap(user, "✅ I'll join")
    assert "Welcome to Team Noord" in world.last_text(user)
