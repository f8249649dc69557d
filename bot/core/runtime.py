"""What exists only while the bot runs, kept apart from the immutable Services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol


class Worker(Protocol):
    """The outbox worker (bot/delivery/worker.py): core names what it needs, not the class."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def wake(self) -> None: ...


class Charts(Protocol):
    """The chart pool (bot/verrekijker/pool.py); `week` is the verrekijker's WeekView."""

    async def render(self, week: Any, baseline: Sequence[float], lang: str) -> bytes: ...

    def close(self) -> None: ...


class NamedLocks(Protocol):
    """Turns across instances (bot/core/turns.py)."""

    def hold_lock(self, name: str) -> AbstractAsyncContextManager[None]: ...


class Runtime:
    """The outbox worker, the chart pool and the per-user locks; built once, in the composition
    root, next to the Application. The worker starts and stops with the Application."""

    def __init__(
        self, worker: Callable[[Runtime], Worker], charts: Charts, *, locks: NamedLocks
    ) -> None:
        # Charts render in worker processes, off the event loop and on every core.
        self.charts = charts
        self._locks = locks
        # Made last, from this object: the deliverers it runs take the locks and the charts.
        self.worker = worker(self)

    def user_lock(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """The person's turn across instances (bot/core/turns.py), the one their updates are
        handled in: /today and the outbox never start a check-in twice, and a delivery and
        /delete never overlap. Inside the handling of their update it is held already."""
        return self._locks.hold_lock(f"user:{user_id}")

    def close(self) -> None:
        """Let a chart being drawn finish and end the chart workers; after the Application
        stopped."""
        self.charts.close()
