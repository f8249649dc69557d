"""The services handlers reach through the typed context: one place, built at start."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from random import Random
from typing import TYPE_CHECKING
from weakref import WeakValueDictionary

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.core.clock import Clock
from bot.core.texts import Catalog
from prompts import Content
from storage import Storage

if TYPE_CHECKING:
    from bot.delivery.worker import OutboxWorker


@dataclass
class Services:
    """Settings, content, texts, clock and (after post_init) the storage."""

    settings: Settings
    content: Content
    texts: Catalog
    clock: Clock
    rng: Random = field(default_factory=Random)
    _storage: Storage | None = None
    # Charts render here, off the event loop; one worker keeps a burst from taking both cores.
    charts: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
    )
    worker: OutboxWorker | None = None  # started in post_init
    _user_locks: WeakValueDictionary[int, asyncio.Lock] = field(default_factory=WeakValueDictionary)

    def user_lock(self, user_id: int) -> asyncio.Lock:
        """One lock per user, so /today and the schedule reader never start a check-in twice."""
        lock = self._user_locks.get(user_id)
        if lock is None:
            lock = self._user_locks[user_id] = asyncio.Lock()
        return lock

    @property
    def storage(self) -> Storage:
        """The open storage; only valid between post_init and post_shutdown."""
        if self._storage is None:
            raise RuntimeError("storage is not open")
        return self._storage

    @property
    def storage_open(self) -> bool:
        """Whether the storage is attached."""
        return self._storage is not None

    def attach_storage(self, storage: Storage | None) -> None:
        """Set (or clear, at shutdown) the open storage."""
        self._storage = storage


SERVICES_KEY = "services"


class SherpaContext(CallbackContext[ExtBot[None], dict, dict, dict]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.application.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]
