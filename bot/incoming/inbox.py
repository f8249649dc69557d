"""The durable inbox: an update is stored before Telegram hears it arrived, removed once handled.

PTB's Updater confirms a getUpdates batch with its next getUpdates call, and the webhook answers
Telegram once `put` returns; both await `update_queue.put(update)` first. So a queue whose `put`
stores the update in the database before queueing it means: nothing Telegram considers
delivered exists only in memory. The storage is open before the queue is made (bot/runner.py)
and closed after the Application shut down.

Several instances share the inbox. Storing is where a redelivery is recognised: whoever stored
an update first owns it (another instance's store of it changes nothing and queues nothing).
An instance renews the lease on what it owns while it lives and takes over what a dead one
left once its lease ran out; at the start it takes over what the last run left (on SQLite,
the file's only instance, all of it). One user's updates are handled in order, and each once,
under a lock across instances (bot/incoming/ordering.py, with the hooks below).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from contextlib import AbstractAsyncContextManager
from datetime import timedelta

from telegram import Update
from telegram.ext import Application

from bot.core.clock import Clock
from storage import InboxItem, Storage
from storage.errors import lasting_write_failure

log = logging.getLogger(__name__)

RETRY_FIRST, RETRY_MOST = 0.5, 30.0  # seconds between attempts to store while the disk fails
# A full disk or a read-only database does not clear by itself within seconds: after this many
# attempts the update is handled unstored, so the practitioner hears the truth ("not stored")
# instead of silence, and polling goes on for everyone; their words are still in their chat.
LASTING_FAILURE_ATTEMPTS = 3
DEFAULT_LEASE = 30.0  # seconds (INBOX_LEASE)


class DurableUpdateQueue(asyncio.Queue[object]):
    """The Application's update queue, storing into an open database."""

    def __init__(self, storage: Storage, clock: Clock, lease: float = DEFAULT_LEASE) -> None:
        super().__init__()
        self._storage, self._clock = storage, clock
        self._lease = timedelta(seconds=lease)
        self.instance = uuid.uuid4().hex[:16]  # this process, as the owner of inbox rows
        # Queued or being handled: a redelivery of one of these (Telegram resends what it did
        # not see confirmed) is stored again at most, never handled beside the first.
        self._in_hand: set[int] = set()
        self._application: Application | None = None
        self._leases: asyncio.Task[None] | None = None

    async def put(self, item: object) -> None:
        """Store an update, then queue it; keeps trying while storing fails (polling).

        Until this returns, the Updater does not confirm the batch, so Telegram keeps it.
        """
        if isinstance(item, Update):
            delay, attempts = RETRY_FIRST, 0
            while True:
                try:
                    if not await self.store(item):
                        return  # stored already, or handled before: its owner has it
                    break
                except Exception as error:  # a full or locked disk: Telegram keeps the update
                    attempts += 1
                    if lasting_write_failure(error) and attempts >= LASTING_FAILURE_ATTEMPTS:
                        log.error(
                            "the inbox cannot be written (%s): handling update %s unstored",
                            error,
                            item.update_id,
                        )
                        break
                    log.error("could not store update %s (%s); retrying", item.update_id, error)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, RETRY_MOST)
            self._enqueue(item)
            return
        await super().put(item)

    async def accept(self, update: Update) -> None:
        """Store an update, then queue it; raises when it cannot be stored (webhook: 500).

        A redelivery (stored already, by any instance, or handled) is answered and dropped.
        """
        if await self.store(update):
            self._enqueue(update)

    async def store(self, update: Update) -> bool:
        """Keep the update in the inbox, owned by this instance; False when it was there."""
        sender = update.effective_user or update.effective_chat
        now = self._clock.now()
        return await self._storage.inbox.store(
            update.update_id,
            sender.id if sender is not None else None,
            update.to_json(),
            now,
            owner=self.instance,
            lease_until=now + self._lease,
        )

    @property
    def _alone(self) -> bool:
        return self._storage.single_instance

    # --- hooks of the update processor (bot/incoming/ordering.py) --------------------------

    def hold(self, key: str) -> AbstractAsyncContextManager[None]:
        """The lock across instances under which one sender's updates are handled."""
        return self._storage.hold_lock(key)

    async def earlier(self, update: object) -> list[Update]:
        """The sender's updates stored before this one (by any instance), not handled yet.

        Telegram sends the next update only once the last one was stored (webhook:
        max_connections=1), so these must be handled first, whoever stored them. On SQLite
        (one instance per file) there are none: this instance queued them, in order.
        """
        if not isinstance(update, Update) or self._application is None or self._alone:
            return []
        sender = update.effective_user or update.effective_chat
        if sender is None:
            return []
        items = await self._storage.inbox.earlier(sender.id, update.update_id)
        return [self._update(item) for item in items]

    async def handle_now(self, update: Update) -> None:
        """Run the handlers on an update another instance stored (its turn came here)."""
        assert self._application is not None
        await self._application.process_update(update)

    async def handled(self, update: object) -> None:
        """The update was handled (or skipped as handled before): it leaves the inbox."""
        if not isinstance(update, Update):
            return
        self._in_hand.discard(update.update_id)
        await self._storage.inbox.remove(update.update_id)

    # --- the lifecycle: take over at the start, keep the leases while running -------------

    async def start(self, application: Application) -> int:
        """Queue what the last run left, then keep leases; returns how many were queued."""
        self._application = application
        # SQLite has one instance per file: everything in its inbox was left by a dead one.
        replayed = await self._take_over(everything=self._alone)
        if replayed:
            log.info("handling %s updates left in the inbox by an earlier run", replayed)
        self._leases = asyncio.create_task(self._keep_leases(), name="inbox-leases")
        return replayed

    async def stop(self) -> None:
        """Stop renewing; what this instance still holds is free for another at once."""
        task, self._leases = self._leases, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with contextlib.suppress(Exception):  # a closed database: the lease runs out anyway
            await self._storage.inbox.release(self.instance)

    async def take_over_expired(self) -> int:
        """Queue the updates whose instance stopped renewing them; returns how many."""
        taken = await self._take_over(everything=False)
        if taken:
            log.info("took over %s updates from an instance that stopped", taken)
        return taken

    async def _keep_leases(self) -> None:
        interval = self._lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await self._storage.inbox.renew(self.instance, self._clock.now() + self._lease)
                await self.take_over_expired()
            except Exception as error:  # the database is away for a moment: try again
                log.warning("could not renew the inbox leases (%s)", type(error).__name__)

    async def _take_over(self, *, everything: bool) -> int:
        now = self._clock.now()
        items = await self._storage.inbox.take_over(
            self.instance, now, now + self._lease, everything=everything
        )
        for item in items:
            self._enqueue(self._update(item))  # ahead of anything received after this
        return len(items)

    def _update(self, item: InboxItem) -> Update:
        assert self._application is not None
        update = Update.de_json(json.loads(item.body), self._application.bot)
        assert update is not None
        return update

    def _enqueue(self, update: Update) -> None:
        if update.update_id in self._in_hand:
            return
        self._in_hand.add(update.update_id)
        self.put_nowait(update)  # the queue is unbounded: this never waits
