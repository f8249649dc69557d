"""What exists only while the bot runs, kept apart from the immutable Services."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING
from weakref import WeakValueDictionary

from bot.delivery.worker import OutboxWorker

if TYPE_CHECKING:  # built in the composition root; the verrekijker imports this module
    from bot.verrekijker.pool import ChartPool


class Runtime:
    """The outbox worker, the chart pool and the per-user locks; built once, in the composition
    root, next to the Application. The worker starts and stops with the Application."""

    def __init__(self, worker: Callable[[Runtime], OutboxWorker], charts: ChartPool) -> None:
        # Charts render in worker processes, off the event loop and on every core.
        self.charts = charts
        self._user_locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()
        # Made last, from this object: the deliverers it runs take the locks and the charts.
        self.worker = worker(self)

    def user_lock(self, user_id: int) -> asyncio.Lock:
        """One lock per user, so /today and the schedule reader never start a check-in twice."""
        lock = self._user_locks.get(user_id)
        if lock is None:
            lock = self._user_locks[user_id] = asyncio.Lock()
        return lock

    def close(self) -> None:
        """Let a chart being drawn finish and end the chart workers; after the Application
        stopped."""
        self.charts.close()
