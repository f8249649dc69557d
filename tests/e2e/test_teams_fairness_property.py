"""Property: in a team of two or three, nothing the others do changes what a member sees.

Each example runs the real bot twice over HTTP, on fresh databases, through the same week:
Ann does the same things in both runs (reflects on some days, looks at everything she can);
her colleagues do a random series of things in one run (reflect on any days at any hour,
pause, resume, move timezone) and nothing in the other. Every text Ann can get (/team at
many moments, the join screen, the weekly digest) must be the same in both runs. Only a
settled, team-level fact may differ: in a team of three, the week's outcome once it is
settled; in a team of two, not even that (see bot/teams/privacy.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.core.clock import ManualClock
from standin import FakeUser, StandIn
from standin.sandbox import Sandbox
from tests.conftest import MONDAY_MORNING, SPEC
from tests.e2e.test_teams import WEEK1, at, create_team, digest_time, digests, join, member
from tests.helpers import World

pytestmark = pytest.mark.slow  # hypothesis examples, each a whole bot run

NAMES = ("Ann", "Bob", "Cem")
OUTSIDER = (9, "Dan")
ZONES = ("Pacific/Auckland", "America/New_York", "Europe/Brussels")
LOOKS = (0, 12, 23)  # hours of each day at which Ann looks at /team
RUNS = settings(
    deadline=None,
    max_examples=5,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # two real bots per example: no shrink
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def other_actions(others: int) -> st.SearchStrategy[list[tuple]]:
    """What Ann's colleagues do: (day, hour, who, what, zone), in any order, any day."""
    one = st.tuples(
        st.integers(0, 6),
        st.sampled_from([h for h in range(24) if h not in LOOKS and h != 10]),
        st.integers(1, others),
        st.sampled_from(["reflect", "reflect", "pause", "resume", "tz"]),
        st.sampled_from(ZONES),
    )
    return st.lists(one, min_size=1, max_size=8)


@asynccontextmanager
async def fresh_world() -> AsyncIterator[World]:
    clock = ManualClock(MONDAY_MORNING)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "sherpa.sqlite3"
        async with StandIn(spec=SPEC, now=lambda: clock.now().timestamp()) as api:
            sandbox = Sandbox(Sandbox.settings_for(database, schedule_interval=300), api, clock)
            await sandbox.start()
            try:
                yield World(api, sandbox, clock, database)
            finally:
                await sandbox.stop()


async def reflect_once(world: World, user: FakeUser) -> None:
    """/today and whatever the bot asks, answered (one question, two scales)."""
    await world.say(user, "/today")
    await world.say(user, f"een kort verhaal van {user.first_name}")
    for score in ("4", "3"):
        last = world.api.last_message(user)
        if last is not None and score in last.button_labels:
            await world.tap(user, score)


async def ann_sees(world: World, ann: FakeUser, code: str) -> list[str]:
    """Every team text Ann can get right now: /team and the join screen."""
    await world.say(ann, "/team")
    overview = world.last_text(ann)
    await world.say(ann, f"/team join {code}")
    return [overview, world.last_text(ann)]


async def one_run(size: int, ann_days: set[int], actions: list[tuple], goal: int) -> list:
    """The week as Ann lives it; returns everything she saw, and the outsider's join screen."""
    async with fresh_world() as world:
        people = [world.api.user(i + 1, name) for i, name in enumerate(NAMES[:size])]
        outsider = world.api.user(*OUTSIDER)
        for person in (*people, outsider):
            await member(world, person)
        ann = people[0]
        code = await create_team(world, ann)
        for person in people[1:]:
            await join(world, person, code)
        await world.say(ann, f"/team goal {goal}")
        seen: list = []
        for day in range(7):
            date = WEEK1 + timedelta(days=day)
            todo = sorted((a for a in actions if a[0] == day), key=lambda a: a[1])
            for hour in sorted({*LOOKS, 10, *(a[1] for a in todo)}):
                world.clock.set(at(date, hour))
                if hour == 10 and day in ann_days:
                    await reflect_once(world, ann)
                for _day, _hour, who, what, zone in (a for a in todo if a[1] == hour):
                    colleague = people[who]
                    if what == "reflect":
                        await reflect_once(world, colleague)
                    elif what == "tz":
                        await world.say(colleague, f"/tz {zone}")
                    else:
                        await world.say(colleague, f"/{what}")
                if hour in LOOKS:
                    seen.append((day, hour, await ann_sees(world, ann, code)))
            await world.say(outsider, f"/team join {code}")
            seen.append((day, "outsider", world.last_text(outsider)))
        await digest_time(world, WEEK1 + timedelta(weeks=1))
        settled = [digests(world, ann), await ann_sees(world, ann, code)]
        return [seen, settled]


@RUNS
@given(
    ann_days=st.sets(st.integers(0, 6)),
    actions=other_actions(1),
    goal=st.integers(1, 3),
)
async def test_in_a_team_of_two_nothing_bob_does_changes_what_ann_sees(
    ann_days: set[int], actions: list[tuple], goal: int
) -> None:
    quiet = await one_run(2, ann_days, [], goal)
    busy = await one_run(2, ann_days, actions, goal)
    assert busy[0] == quiet[0]  # the week itself
    assert busy[1] == quiet[1]  # and after it is settled: no digest, no outcome either
    assert quiet[1][0] == []


@RUNS
@given(
    ann_days=st.sets(st.integers(0, 6)),
    actions=other_actions(2),
    goal=st.integers(1, 3),
)
async def test_in_a_team_of_three_the_week_shows_nothing_of_the_others(
    ann_days: set[int], actions: list[tuple], goal: int
) -> None:
    quiet = await one_run(3, ann_days, [], goal)
    busy = await one_run(3, ann_days, actions, goal)
    assert busy[0] == quiet[0]  # only the settled outcome (busy[1]) may depend on them
    for text in busy[1][0]:  # and it is team-level: no count, no pause
        outcome = text.split("\n\n")[1]
        assert " van " not in outcome and "Niet meegeteld" not in text
