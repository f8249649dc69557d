"""A team never singles anyone out: small teams, daily figures, removal, and group links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from standin import FakeUser
from tests.e2e.test_teams import (
    LINK,
    WEEK1,
    at,
    create_team,
    digest_time,
    digests,
    join,
    member,
    offer_of,
    reflect,
)
from tests.helpers import World


async def _team(world: World, size: int) -> list[FakeUser]:
    """Ann (admin) and size-1 colleagues in "Team Noord", goal 1 day a week."""
    names = ["Ann", "Bob", "Cem", "Dora", "Eli", "Fien"][:size]
    people = [world.api.user(i + 1, name) for i, name in enumerate(names)]
    for person in people:
        await member(world, person)
    code = await create_team(world, people[0])
    for person in people[1:]:
        await join(world, person, code)
    await world.say(people[0], "/team goal 1")
    return people


async def overview(world: World, user: FakeUser) -> str:
    await world.say(user, "/team")
    return world.last_text(user)


@pytest.mark.slow
async def test_in_a_team_of_two_nothing_bob_does_shows_to_ann(world: World):
    ann, bob = await _team(world, 2)
    world.clock.set(at(WEEK1, 9, 30))
    before = await overview(world, ann)
    await reflect(world, WEEK1, bob)
    assert await overview(world, ann) == before  # not "1 van 2" while Ann's own line says 0
    await world.say(bob, "/pause")
    assert "pauze" not in await overview(world, ann)
    assert await overview(world, ann) == before
    # Not the next day either: no live figure and no figure a day late.
    world.clock.set(at(WEEK1 + timedelta(days=1), 9))
    assert await overview(world, ann) == before
    # Ann's own line is hers, live.
    await reflect(world, WEEK1 + timedelta(days=1), ann)
    assert "Jouw dagen deze week: 1 (doel: 1)" in await overview(world, ann)
    # The week's digest would tell Ann what Bob did, given her own: a team of two gets none.
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    assert digests(world, ann) == [] and digests(world, bob) == []


@pytest.mark.slow
async def test_counts_in_a_larger_team_change_once_a_day_and_never_count_pauses(world: World):
    ann, bob, cem, dora = await _team(world, 4)
    world.clock.set(at(WEEK1, 9, 30))
    before = await overview(world, ann)
    assert "0 van 4" in before
    await reflect(world, WEEK1, bob)
    await world.say(cem, "/pause")
    world.clock.set(at(WEEK1, 23, 50))
    assert await overview(world, ann) == before  # Ann cannot time Bob's reflection
    world.clock.set(at(WEEK1 + timedelta(days=1), 0, 5))
    after = await overview(world, ann)
    assert "1 van 4" in after and "pauze" not in after
    await world.say(dora, "/team")
    assert "1 van 4" in world.last_text(dora)


@pytest.mark.slow
async def test_a_removed_member_cannot_rejoin_with_the_old_link(world: World):
    ann, bob, _cem = await _team(world, 3)
    old = LINK.search(_created(world, ann)).group(1)
    await world.say(ann, "/team remove")
    await world.tap(ann, "Bob")
    told = world.last_text(ann)
    assert "Bob zit niet meer in Team Noord" in told and "oude link werkt niet meer" in told
    new = LINK.search(told)
    assert new is not None and new.group(1) != old
    await world.say(bob, f"/start team_{old}")
    assert "werkt niet (meer)" in world.last_text(bob)
    await world.say(bob, f"/team join {old}")
    assert "werkt niet (meer)" in world.last_text(bob)
    assert await world.bot.services.storage.teams.teams_of(bob.id) == []
    # The new link still lets a colleague in (who then sees the offer first).
    dora = world.api.user(4, "Dora")
    await member(world, dora)
    await join(world, dora, new.group(1))
    assert "Welkom in Team Noord" in "".join(world.texts(dora))


def _created(world: World, admin: FakeUser) -> str:
    return next(t for t in world.texts(admin) if "staat klaar" in t)


async def test_link_requests_from_two_groups_each_link_their_own_group(world: World):
    ann = world.api.user(1, "Ann")
    koffie, keuken = world.api.group(-1001, "Koffiehoek"), world.api.group(-1002, "Keuken")
    await member(world, ann)
    await create_team(world, ann, "Team Noord")
    await create_team(world, ann, "Team Zuid")
    world.api.send_group_text(koffie, ann, "/team link")
    await world.bot.settle()
    first = world.api.last_message(ann)
    world.api.send_group_text(keuken, ann, "/team link")
    await world.bot.settle()
    second = world.api.last_message(ann)
    labels = [first.button_labels[:2], second.button_labels[:2]]
    # Ann answers the first question last: each links the group it was asked in.
    world.api.press(ann, second.message_id, second.buttons[1][0].callback_data or "")
    await world.bot.settle()
    world.api.press(ann, first.message_id, first.buttons[0][0].callback_data or "")
    await world.bot.settle()
    storage = world.bot.services.storage
    assert (await storage.teams.by_group(koffie.id)).name == "Team Noord"
    assert (await storage.teams.by_group(keuken.id)).name == "Team Zuid"
    assert "hoort nu bij Team Noord" in world.last_text(koffie)
    assert "hoort nu bij Team Zuid" in world.last_text(keuken)
    # The buttons said which group they link.
    assert labels == [
        ["Team Noord → Koffiehoek", "Team Zuid → Koffiehoek"],
        ["Team Noord → Keuken", "Team Zuid → Keuken"],
    ]


@pytest.mark.slow
async def test_the_join_screen_says_what_others_can_infer(world: World):
    ann, bob, eve = world.api.user(1, "Ann"), world.api.user(2, "Bob"), world.api.user(5, "Eve")
    for person in (ann, bob, eve):
        await member(world, person)
    await world.say(eve, "/lang en")
    code = await create_team(world, ann)
    await world.say(bob, f"/team join {code}")
    dutch = offer_of(world, bob).text
    assert "Wat anderen kunnen afleiden" in dutch and "raden" in dutch
    assert "of jij persoonlijk het doel haalde" not in dutch  # not true in a small team
    await world.say(eve, f"/team join {code}")
    english = next(m for m in reversed(world.api.messages(eve)) if "I'll join" in str(m.buttons))
    assert "What others can infer" in english.text and "guess" in english.text


@pytest.mark.slow
async def test_the_settled_week_of_a_team_of_three_shows_the_outcome_but_no_counts(world: World):
    ann, bob, cem = await _team(world, 3)
    group = world.api.group(-1001, "Team Noord")
    world.api.send_group_text(group, ann, "/team link")
    await world.bot.settle()
    await reflect(world, WEEK1 + timedelta(days=1), ann, bob)
    await world.say(cem, "/pause")
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    [seen] = digests(world, ann)
    assert "Doel gehaald" in seen and digests(world, group) == [seen]
    assert " van " not in seen.split("\n\n", 1)[1]  # no "2 van 2": that would count Cem's pause
    assert "pauze" not in seen and "Niet meegeteld" not in seen
    world.clock.set(at(WEEK1 + timedelta(weeks=1), 10))
    shown = await overview(world, ann)
    assert "Reeks: 1 week" in shown and " van 3" not in shown


@pytest.mark.slow
async def test_a_part_timer_who_reflected_on_both_own_days_is_on_track(world: World):
    ann, bob, cem, dora = await _team(world, 4)
    await world.say(ann, "/team goal 3")
    await world.say(dora, "/days di,do")  # Dora works two days a week
    await reflect(world, WEEK1 + timedelta(days=1), ann, bob, cem, dora)
    await reflect(world, WEEK1 + timedelta(days=2), ann, bob, cem)
    await reflect(world, WEEK1 + timedelta(days=3), ann, bob, cem, dora)
    assert "Jouw dagen deze week: 2 (doel: 2)" in await overview(world, dora)  # own goal, not 3
    world.clock.set(at(WEEK1 + timedelta(days=4), 0, 5))
    assert "4 van 4" in await overview(world, ann)
    await digest_time(world, WEEK1 + timedelta(weeks=1))
    [seen] = digests(world, ann)
    assert "Doel gehaald" in seen  # the week was met: Dora was never behind
