"""The chart pool: pictures drawn in worker processes, surviving a worker that dies."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.verrekijker import build_overview, build_week
from bot.verrekijker.chart import render_chart
from bot.verrekijker.pool import ChartPool, default_workers, usable_cores
from tests.unit.test_verrekijker import CONTENT, MONDAY, TEXTS, year_of_answers

pytestmark = pytest.mark.slow  # real worker processes

DAYS = year_of_answers()
WEEK = build_week(DAYS, MONDAY, CONTENT)
BASELINE = build_overview(DAYS, MONDAY, CONTENT).baseline


@pytest.fixture
async def pool() -> AsyncIterator[ChartPool]:
    charts = ChartPool(TEXTS, workers=2)
    yield charts
    charts.close()


def alive(pid: int) -> bool:
    """A running process (not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_default_is_one_worker_per_usable_core_at_most_four():
    assert usable_cores() == len(os.sched_getaffinity(0))
    assert default_workers() == min(usable_cores(), 4)


async def test_pictures_are_drawn_in_other_processes_as_in_this_one(pool: ChartPool):
    assert pool.pids == []  # nothing started before the first chart
    png = await pool.render(WEEK, BASELINE, "nl")
    assert png == render_chart(WEEK, BASELINE, "nl", TEXTS)
    assert pool.pids and os.getpid() not in pool.pids


async def test_a_burst_uses_every_worker(pool: ChartPool):
    pictures = await asyncio.gather(*(pool.render(WEEK, BASELINE, "en") for _ in range(8)))
    assert len(set(pictures)) == 1
    assert len(pool.pids) == 2


async def test_a_worker_killed_mid_burst_loses_no_picture(pool: ChartPool):
    burst = [asyncio.ensure_future(pool.render(WEEK, BASELINE, "nl")) for _ in range(8)]
    await asyncio.wait(burst, return_when=asyncio.FIRST_COMPLETED)  # workers warm, busy
    victims = pool.pids
    os.kill(victims[0], signal.SIGKILL)  # as the kernel's OOM killer would
    pictures = await asyncio.gather(*burst)
    assert set(pictures) == {render_chart(WEEK, BASELINE, "nl", TEXTS)}
    assert not set(pool.pids) & set(victims)  # a fresh pool drew the rest
    assert await pool.render(WEEK, BASELINE, "en")  # and keeps drawing


async def test_ctrl_c_in_the_terminal_is_left_to_the_bot(pool: ChartPool):
    burst = [asyncio.ensure_future(pool.render(WEEK, BASELINE, "nl")) for _ in range(6)]
    await asyncio.wait(burst, return_when=asyncio.FIRST_COMPLETED)
    workers = pool.pids
    for pid in workers:
        os.kill(pid, signal.SIGINT)  # what Ctrl+C sends to every process of the group
    assert len(set(await asyncio.gather(*burst))) == 1
    assert set(workers) <= set(pool.pids) and all(alive(pid) for pid in workers)


async def test_a_drawing_error_comes_back_as_it_is(pool: ChartPool):
    with pytest.raises(ValueError, match="10 values"):
        await pool.render(WEEK, [1.0] * 9, "nl")
    first = pool.pids
    assert await pool.render(WEEK, BASELINE, "nl")
    assert set(first) <= set(pool.pids)  # not mistaken for a dead worker: no fresh pool


async def test_close_ends_the_workers():
    pool = ChartPool(TEXTS, workers=2)
    await asyncio.gather(*(pool.render(WEEK, BASELINE, "nl") for _ in range(4)))
    workers = pool.pids
    assert workers and all(alive(pid) for pid in workers)
    pool.close()
    assert not any(alive(pid) for pid in workers)
