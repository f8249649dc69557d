"""Friday's pictures come from the chart workers, and a dead worker loses no verrekijker."""

from __future__ import annotations

import os
import signal

import pytest

from tests.e2e.test_weekly import FRIDAY_1700, photos, reflect_on_days
from tests.helpers import World, onboard

pytestmark = pytest.mark.slow


async def test_friday_pictures_survive_chart_workers_killed_before_the_burst(world: World):
    people = [world.api.user(1001 + i, name) for i, name in enumerate(("Ann", "Bob", "Cem"))]
    for person in people:
        await onboard(world, person)
    await reflect_on_days(world, people[0], 2)
    charts = world.bot.runtime.charts
    await world.say(people[0], "/verrekijker")  # starts a worker, as an earlier week would
    [first] = photos(world, people[0])
    victims = charts.pids
    assert victims and os.getpid() not in victims  # drawn in another process
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    world.clock.set(FRIDAY_1700)
    await world.bot.run_schedule()
    for person in people:
        assert len(photos(world, person)) == (2 if person is people[0] else 1)
        assert world.api.last_message(person).kind == "text"  # the week view after the picture
    assert photos(world, people[0])[-1].media.data == first.media.data  # the same week, drawn anew
    assert not set(charts.pids) & set(victims)
