"""Calls made at the same moment share one database statement (a group commit).

Handlings that run side by side (a getUpdates batch, several webhook connections, a Friday's
answers) each store, finish or take a turn at about the same time. A burst collects the calls
made within one turn of the event loop and runs them as one statement: each caller still
waits for its own outcome, so nothing is confirmed before it is stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Burst(Generic[T, R]):
    """Runs `run(items)` once for the items submitted in the same moment; `run` returns one
    outcome per item, in order. A failure of `run` is every caller's failure."""

    def __init__(self, run: Callable[[list[T]], Awaitable[list[R]]]) -> None:
        self._run = run
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._flusher: asyncio.Task[None] | None = None

    def start(self, item: T) -> asyncio.Future[R]:
        """Join the current burst; the future holds this item's outcome (it runs to its end
        also when the caller stops waiting)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self._waiting.append((item, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = loop.create_task(self._flush())
        return future

    async def submit(self, item: T) -> R:
        """Join the current burst and wait for this item's outcome."""
        return await asyncio.shield(self.start(item))

    async def _flush(self) -> None:
        # One statement at a time (a group commit): what arrives while one runs goes in the
        # next, so under load one statement carries many; alone, an item waits for nothing.
        while self._waiting:
            await asyncio.sleep(0)  # the calls made in this moment join
            waiting, self._waiting = self._waiting, []
            try:
                outcomes = await self._run([item for item, _ in waiting])
            except Exception as error:
                for _, future in waiting:
                    future.set_exception(error)
                    future.add_done_callback(_retrieved)
                continue
            for (_, future), outcome in zip(waiting, outcomes, strict=True):
                future.set_result(outcome)


def _retrieved(future: asyncio.Future[Any]) -> None:
    future.exception()  # a caller that stopped waiting leaves no "never retrieved" warning
