"""The outbox worker: delivers claimed items concurrently, settles each with an explicit state.

Guarantee (see README): an item is marked `sending` (leased to this instance) before its
first API call and `sent` after the last. A crash in between leaves it `sending`; once its
holder is known gone (or its lease expired) it goes back to `pending` and is sent again, by
the next start or by another instance (bot/delivery/leases.py). So after a SIGKILL at most
the items in flight at that moment, never more than `concurrency`, can arrive twice; nothing
is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.core.clock import Clock
from bot.delivery.errors import ChatGone, Skip
from bot.delivery.leases import LEASE, MAINTAIN_EVERY, Leases, new_instance_id
from bot.delivery.limiter import bulk_sending
from storage import OutboxItem, Storage

log = logging.getLogger(__name__)

# One kind's deliverer, bound to what it needs (see bot/delivery/kinds.py): sends one item.
Deliver = Callable[[OutboxItem], Awaitable[None]]
MAX_ATTEMPTS = 8  # claims; each claim retries a few times itself
QUICK_RETRIES = (0.5, 1.0, 2.0)  # seconds, with jitter: rides out a short 5xx burst
LATER = timedelta(minutes=1)  # then back to the queue, doubling per attempt


class OutboxWorker:
    """Claims ready outbox items and delivers them, at most `concurrency` at a time."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        deliverers: Mapping[str, Deliver],
        graces: Mapping[str, timedelta],
        concurrency: int = 16,
        idle_seconds: float = 1.0,
        quick_retries: tuple[float, ...] = QUICK_RETRIES,
        instance: str | None = None,
        lease: timedelta = LEASE,
        maintain_every: float = MAINTAIN_EVERY,
    ) -> None:
        self.storage, self.clock = storage, clock
        self.deliverers, self.graces = deliverers, graces
        self.concurrency, self.idle_seconds = concurrency, idle_seconds
        self.quick_retries = quick_retries
        self.instance = instance or new_instance_id()
        self.leases = Leases(storage, clock, self.instance, lease, maintain_every)
        self._inflight: set[asyncio.Task[None]] = set()
        self._claiming = asyncio.Lock()
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Put back what a crash left in flight (ours or a gone instance's), then run."""
        recovered = await self.leases.start(lambda: bool(self._inflight), lambda _: self.wake())
        if recovered:
            log.warning(
                "%s messages were in flight at the last stop; sending them again", recovered
            )
        self._loop_task = asyncio.create_task(self._loop(), name="outbox-worker")

    async def stop(self) -> None:
        """Stop claiming and let what is in flight finish."""
        if self._loop_task is not None:
            self._loop_task.cancel()
            await asyncio.gather(self._loop_task, return_exceptions=True)
            self._loop_task = None
        await asyncio.gather(*self._inflight, return_exceptions=True)
        await self.leases.stop()  # only now: what was in flight is settled, nothing to take

    def wake(self) -> None:
        """New items were enqueued: look now instead of after the idle wait."""
        self._wake.set()

    async def drain(self) -> None:
        """Deliver everything ready now and wait until nothing is in flight (tests, demo)."""
        while True:
            started = await self.run_once()
            if not started and not self._inflight:
                return
            await asyncio.gather(*list(self._inflight), return_exceptions=True)

    async def run_once(self) -> int:
        """Claim what is ready (as slots free up) and start delivering it; returns how many."""
        async with self._claiming:
            started = 0
            while True:
                free = self.concurrency - len(self._inflight)
                if free <= 0:
                    return started
                now = self.clock.now()
                items = await self.storage.outbox.claim(
                    now, free, self.instance, now + self.leases.lease
                )
                if not items:
                    return started
                for item in items:
                    task = asyncio.create_task(self._deliver(item))
                    self._inflight.add(task)
                    task.add_done_callback(self._done)
                started += len(items)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self._wake.set()  # a slot is free: claim more

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:  # a database hiccup must not end delivery for good
                log.exception("outbox worker: claiming failed; trying again shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.idle_seconds)

    async def _deliver(self, item: OutboxItem) -> None:
        outbox, clock = self.storage.outbox, self.clock
        if clock.now() - item.due_at > self.graces.get(item.kind, timedelta(hours=3)):
            await outbox.settle(item.id, "dropped", clock.now(), error="late: past its grace")
            return
        for pause in (*self.quick_retries, None):
            try:
                with bulk_sending():
                    await self.deliverers[item.kind](item)
            except Skip as reason:
                await outbox.settle(item.id, "dropped", clock.now(), error=f"skipped: {reason}")
                return
            except (Forbidden, ChatGone) as error:
                await self._chat_gone(item, type(error).__name__)
                return
            except BadRequest as error:
                if "chat not found" in error.message.lower():
                    await self._chat_gone(item, "BadRequest: chat not found")
                    return
                await outbox.settle(item.id, "failed", clock.now(), error=_describe(error))
                log.error("outbox item %s (%s) refused: %s", item.id, item.kind, error.message)
                return
            except TimedOut:
                # Telegram may well have delivered it: sending again could duplicate.
                await outbox.settle(item.id, "sent", clock.now(), error="TimedOut", ambiguous=True)
                return
            except NetworkError as error:  # 5xx, connection trouble
                if pause is not None:
                    await asyncio.sleep(pause * random.uniform(0.8, 1.2))
                    continue
                await self._later(item, _describe(error))
                return
            except Exception as error:  # our own bug: keep the item, say so loudly
                log.exception("outbox item %s (%s) failed", item.id, item.kind)
                await self._later(item, type(error).__name__)
                return
            else:
                await outbox.settle(item.id, "sent", clock.now())
                return

    async def _later(self, item: OutboxItem, error: str) -> None:
        outbox, now = self.storage.outbox, self.clock.now()
        if item.attempts >= MAX_ATTEMPTS:
            await outbox.settle(item.id, "failed", now, error=error)
            log.error(
                "outbox item %s (%s) failed %s times: %s", item.id, item.kind, item.attempts, error
            )
            return
        delay = LATER * 2 ** (item.attempts - 1) * random.uniform(0.8, 1.2)
        await outbox.settle(item.id, "pending", now, error=error, not_before=now + delay)

    async def _chat_gone(self, item: OutboxItem, error: str) -> None:
        now = self.clock.now()
        if item.user_id is not None:
            await self.storage.users.update(item.user_id, now, active=False)
            log.warning("user %s is unreachable (%s): marked inactive", item.user_id, error)
        await self.storage.outbox.settle(item.id, "dropped", now, error=error)


def _describe(error: Exception) -> str:
    """An error for the outbox row: its class and Telegram's message, never message text."""
    return f"{type(error).__name__}: {getattr(error, 'message', '')}"[:200]
