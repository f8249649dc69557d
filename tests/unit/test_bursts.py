"""Bursts: calls made together share one run, one run at a time (a group commit)."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.bursts import Burst


class Recorder:
    """A run that records its batches and can be held open, as a slow statement would be."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.running = 0
        self.most_at_once = 0
        self.gate = asyncio.Event()
        self.gate.set()
        self.fail_next = False

    async def run(self, items: list[str]) -> list[str]:
        self.batches.append(items)
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await self.gate.wait()
            if self.fail_next:
                self.fail_next = False
                raise RuntimeError("the database went away")
            return [item.upper() for item in items]
        finally:
            self.running -= 1


async def test_calls_of_one_moment_share_one_run_and_each_gets_its_own_outcome():
    recorder = Recorder()
    burst: Burst[str, str] = Burst(recorder.run)
    outcomes = await asyncio.gather(*(burst.submit(x) for x in ("a", "b", "c")))
    assert outcomes == ["A", "B", "C"]
    assert recorder.batches == [["a", "b", "c"]]


async def test_calls_made_while_a_run_is_in_flight_wait_and_go_together():
    recorder = Recorder()
    burst: Burst[str, str] = Burst(recorder.run)
    recorder.gate.clear()  # the first statement is slow
    first = asyncio.ensure_future(burst.submit("a"))
    while not recorder.batches:  # its statement has started
        await asyncio.sleep(0)
    later = []
    for item in ("b", "c", "d"):  # each in a later turn of the event loop
        await asyncio.sleep(0)
        later.append(asyncio.ensure_future(burst.submit(item)))
    await asyncio.sleep(0)
    assert recorder.batches == [["a"]]  # nothing runs beside it
    recorder.gate.set()
    assert await first == "A"
    assert [await call for call in later] == ["B", "C", "D"]
    assert recorder.batches == [["a"], ["b", "c", "d"]]
    assert recorder.most_at_once == 1


async def test_a_failed_run_fails_its_own_callers_and_the_next_run_goes_on():
    recorder = Recorder()
    burst: Burst[str, str] = Burst(recorder.run)
    recorder.gate.clear()
    recorder.fail_next = True
    failing = asyncio.ensure_future(burst.submit("a"))
    while not recorder.batches:
        await asyncio.sleep(0)
    following = asyncio.ensure_future(burst.submit("b"))
    recorder.gate.set()
    with pytest.raises(RuntimeError):
        await failing
    assert await following == "B"
    assert recorder.batches == [["a"], ["b"]]


async def test_an_item_alone_waits_for_nothing():
    recorder = Recorder()
    burst: Burst[str, str] = Burst(recorder.run)
    assert await burst.submit("a") == "A"
    assert await burst.submit("b") == "B"
    assert recorder.batches == [["a"], ["b"]]
