"""The durable inbox: an update is stored before Telegram hears it arrived, removed once handled.

PTB's Updater confirms a getUpdates batch with its next getUpdates call, and the webhook answers
Telegram once `put` returns; both await `update_queue.put(update)` first. So a queue whose `put`
stores the update in the database before queueing it means: nothing Telegram considers
delivered exists only in memory. After a crash, post_init queues what is left (replay), and the
handled-update table keeps a replay from changing anything twice. The storage is open before
the queue is made (bot/runner.py) and closed after the Application shut down.
"""

from __future__ import annotations

import asyncio
import json
import logging

from telegram import Bot, Update

from bot.core.clock import Clock
from storage import Storage
from storage.errors import lasting_write_failure

log = logging.getLogger(__name__)

RETRY_FIRST, RETRY_MOST = 0.5, 30.0  # seconds between attempts to store while the disk fails
# A full disk or a read-only database does not clear by itself within seconds: after this many
# attempts the update is handled unstored, so the practitioner hears the truth ("not stored")
# instead of silence, and polling goes on for everyone; their words are still in their chat.
LASTING_FAILURE_ATTEMPTS = 3


class DurableUpdateQueue(asyncio.Queue[object]):
    """The Application's update queue, storing into an open database."""

    def __init__(self, storage: Storage, clock: Clock) -> None:
        super().__init__()
        self._storage, self._clock = storage, clock
        # Queued or being handled: a redelivery of one of these (Telegram resends what it did
        # not see confirmed) is stored again at most, never handled beside the first.
        self._in_hand: set[int] = set()

    async def put(self, item: object) -> None:
        """Store an update, then queue it; keeps trying while storing fails (polling).

        Until this returns, the Updater does not confirm the batch, so Telegram keeps it.
        """
        if isinstance(item, Update):
            delay, attempts = RETRY_FIRST, 0
            while True:
                try:
                    await self.store(item)
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
        """Store an update, then queue it; raises when it cannot be stored (webhook: 500)."""
        await self.store(update)
        self._enqueue(update)

    async def store(self, update: Update) -> None:
        """Keep the update in the inbox (sealed with the answer key when one is set)."""
        sender = update.effective_user or update.effective_chat
        await self._storage.inbox.store(
            update.update_id,
            sender.id if sender is not None else None,
            update.to_json(),
            self._clock.now(),
        )

    async def handled(self, update: object) -> None:
        """The update was handled (or skipped as handled before): it leaves the inbox."""
        if not isinstance(update, Update):
            return
        self._in_hand.discard(update.update_id)
        await self._storage.inbox.remove(update.update_id)

    def _enqueue(self, update: Update) -> None:
        if update.update_id in self._in_hand:
            return
        self._in_hand.add(update.update_id)
        self.put_nowait(update)  # the queue is unbounded: this never waits

    async def replay(self, bot: Bot) -> int:
        """Queue what a crash left in the inbox, in update order; returns how many."""
        waiting = await self._storage.inbox.waiting()
        for item in waiting:
            update = Update.de_json(json.loads(item.body), bot)
            self._enqueue(update)  # stored already; ahead of anything polled after this
        if waiting:
            log.info("handling %s updates left in the inbox by the last run", len(waiting))
        return len(waiting)
