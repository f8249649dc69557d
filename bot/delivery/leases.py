"""Leases on the outbox items an instance is sending, so several instances share one outbox.

A claim leases each item to this instance for LEASE; while the send runs (a 429's wait, the
quick retries, a slow chart), the instance renews the leases of everything it has in flight
every MAINTAIN_EVERY seconds. A lease is renewed rather than long because a send has no upper
bound (Telegram may ask to wait minutes, up to ten times); a short lease that is renewed
frees a stuck instance's items within LEASE instead.

Another instance takes an item back only when its lease expired or its holder is gone: each
instance holds a lock named after itself (`try_hold_lock`, an advisory lock on PostgreSQL
that dies with the connection), so a lock that can be taken means a dead holder, and its items
come back within seconds. That also keeps SQLite as it was: after a crash, the restarted
(only) instance takes back everything at once. What comes back may arrive twice: at most what
the dead instance had in flight (its claims, bounded by OUTBOX_CONCURRENCY).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Callable
from datetime import timedelta

from bot.core.clock import Clock
from storage import Storage
from storage.database import HeldLock

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)
MAINTAIN_EVERY = 5.0  # seconds: renew our leases, take back expired or orphaned ones


def new_instance_id() -> str:
    """This process's id in the outbox: readable in `status`, unique across restarts."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def presence_lock(instance: str) -> str:
    """The lock an instance holds for as long as it lives."""
    return f"outbox-instance:{instance}"


class Leases:
    """This instance's presence, the renewal of its leases, and taking back others' lapsed ones."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        instance: str,
        lease: timedelta = LEASE,
        every: float = MAINTAIN_EVERY,
    ) -> None:
        self.storage, self.clock, self.instance = storage, clock, instance
        self.lease, self.every = lease, every
        self._presence: HeldLock | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, busy: Callable[[], bool], taken_back: Callable[[int], None]) -> int:
        """Announce this instance, take back what lapsed; then keep at it in the background.

        Returns how many items came back now. `busy` says whether anything is in flight here
        (then the leases are renewed); `taken_back` hears of items taken back later.
        """
        self._presence = await self.storage.try_hold_lock(presence_lock(self.instance))
        if self._presence is None:  # cannot happen with a fresh id; say so if it does
            raise RuntimeError(f"outbox instance id {self.instance} is already in use")
        recovered = await self.take_back()
        self._task = asyncio.create_task(self._maintain(busy, taken_back), name="outbox-leases")
        return recovered

    async def stop(self) -> None:
        """After what was in flight finished: stop renewing and let the presence go."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._presence is not None:
            await self._presence.release()
            self._presence = None

    async def take_back(self) -> int:
        """Put back what is in flight under an expired lease or a gone instance's lease."""
        outbox = self.storage.outbox
        holders = {lease.holder for lease in await outbox.leases()}
        gone = [h for h in holders if h is not None and h != self.instance and await self._gone(h)]
        return await outbox.take_back(self.clock.now(), self.instance, gone)

    async def _gone(self, holder: str) -> bool:
        held = await self.storage.try_hold_lock(presence_lock(holder))
        if held is None:
            return False  # alive: its leases are its own
        await held.release()  # its id never returns: a restarted instance makes a new one
        return True

    async def _maintain(self, busy: Callable[[], bool], taken_back: Callable[[int], None]) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                if busy():
                    await self.storage.outbox.renew(self.instance, self.clock.now() + self.lease)
                if count := await self.take_back():
                    log.warning("took back %s messages of an instance that stopped", count)
                    taken_back(count)
            except Exception:  # a database hiccup: the next round tries again
                log.exception("outbox leases: renewing or taking back failed")
