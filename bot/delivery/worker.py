"""The outbox worker: delivers claimed items concurrently, settles each with an explicit state.

Guarantee (see README): an item is marked `sending` (leased to this instance) before its
first API call and `sent` after the last. A crash in between leaves it `sending`; once its
holder is known gone (its presence lapsed) it goes back to `pending` and is sent again, by
the next start or by another instance (bot/delivery/leases.py). So after a SIGKILL at most
the items in flight at that moment, never more than `concurrency`, can arrive twice; nothing
is lost.

When the database is away, an outcome that cannot be recorded is retried with back-off until
it is: the item keeps its place among the `concurrency` in flight meanwhile, so a send whose
result is known here is never sent again blindly, and nothing stays `sending` once the
database is back. A task that outlived its instance's lease (frozen, cut off) sends nothing
more (bot/core/presence.py) and records nothing: its item comes back as a gone instance's.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from functools import partial

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.core.clock import Clock
from bot.core.kinds import Provided
from bot.core.presence import Lapsed, Presence
from bot.core.runtime import Runtime
from bot.core.services import Services
from bot.delivery.errors import ChatGone, Skip
from bot.delivery.leases import Leases
from bot.delivery.limiter import bulk_sending
from storage import OutboxItem, Storage
from storage.errors import passing_failure

log = logging.getLogger(__name__)

# One kind's deliverer, bound to what it needs (see outbox_worker below): sends one item.
Deliver = Callable[[OutboxItem], Awaitable[None]]
MAX_ATTEMPTS = 8  # claims; each claim retries a few times itself
QUICK_RETRIES = (0.5, 1.0, 2.0)  # seconds, with jitter: rides out a short 5xx burst
LATER = timedelta(minutes=1)  # then back to the queue, doubling per attempt
SOON = timedelta(seconds=5)  # back to the queue after the database was away for a moment
RECORD_FIRST, RECORD_MOST = 0.25, 5.0  # seconds between tries to record an outcome
RECORD_AT_STOP = 10.0  # seconds a stopping worker keeps trying to record an outcome


class OutboxWorker:
    """Claims ready outbox items and delivers them, at most `concurrency` at a time."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        deliverers: Mapping[str, Deliver],
        graces: Mapping[str, timedelta],
        presence: Presence,
        concurrency: int = 16,
        idle_seconds: float = 1.0,
        quick_retries: tuple[float, ...] = QUICK_RETRIES,
    ) -> None:
        self.storage, self.clock, self.presence = storage, clock, presence
        self.deliverers, self.graces = deliverers, graces
        self.concurrency, self.idle_seconds = concurrency, idle_seconds
        self.quick_retries = quick_retries
        self.leases = Leases(storage, clock, presence)
        self._inflight: set[asyncio.Task[None]] = set()
        self._items: dict[asyncio.Task[None], int] = {}  # the item each task is delivering
        self._stopping = False
        self._claiming = asyncio.Lock()
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None

    @property
    def instance(self) -> str:
        """The id this instance's leases are held under now."""
        return self.presence.id

    async def start(self) -> None:
        """Put back what a crash left in flight (ours or a gone instance's), then run."""
        self._stopping = False
        recovered = await self.leases.start(lambda: self._items.values(), lambda _: self.wake())
        if recovered:
            log.warning(
                "%s messages were in flight at the last stop; sending them again", recovered
            )
        self._loop_task = asyncio.create_task(self._loop(), name="outbox-worker")

    async def stop(self) -> None:
        """Stop claiming and let what is in flight finish."""
        self._stopping = True
        if self._loop_task is not None:
            self._loop_task.cancel()
            await asyncio.gather(self._loop_task, return_exceptions=True)
            self._loop_task = None
        await asyncio.gather(*self._inflight, return_exceptions=True)

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
                if free <= 0 or not self.presence.may_lease():
                    return started
                now, holder = self.clock.now(), self.presence.id
                until = now + timedelta(seconds=self.presence.lease)  # shown by `status`
                items = await self.storage.outbox.claim(now, free, holder, until)
                if not items:
                    return started
                for item in items:
                    task = asyncio.create_task(self._deliver(item, holder))
                    self._inflight.add(task)
                    self._items[task] = item.id
                    task.add_done_callback(self._done)
                started += len(items)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self._items.pop(task, None)
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

    async def _deliver(self, item: OutboxItem, holder: str) -> None:
        with self.presence.acting() as acting:
            if acting != holder:  # the lease lapsed between the claim and now
                return
            try:
                await self._attempts(item, holder)
            except Lapsed:
                log.warning("outbox item %s: this instance's lease lapsed; left", item.id)

    async def _attempts(self, item: OutboxItem, holder: str) -> None:
        clock = self.clock
        if clock.now() - item.due_at > self.graces.get(item.kind, timedelta(hours=3)):
            await self._record(item, holder, "dropped", error="late: past its grace")
            return
        for pause in (*self.quick_retries, None):
            try:
                with bulk_sending():
                    await self.deliverers[item.kind](item)
            except Skip as reason:
                await self._record(item, holder, "dropped", error=f"skipped: {reason}")
                return
            except (Forbidden, ChatGone) as error:
                await self._chat_gone(item, holder, type(error).__name__)
                return
            except BadRequest as error:
                if "chat not found" in error.message.lower():
                    await self._chat_gone(item, holder, "BadRequest: chat not found")
                    return
                await self._record(item, holder, "failed", error=_describe(error))
                log.error("outbox item %s (%s) refused: %s", item.id, item.kind, error.message)
                return
            except TimedOut:
                # Telegram may well have delivered it: sending again could duplicate.
                await self._record(item, holder, "sent", error="TimedOut", ambiguous=True)
                return
            except NetworkError as error:  # 5xx, connection trouble
                if pause is not None:
                    await asyncio.sleep(pause * random.uniform(0.8, 1.2))
                    continue
                await self._later(item, holder, _describe(error))
                return
            except Lapsed:
                raise
            except Exception as error:
                if passing_failure(error):  # the database was away: soon again, as it was
                    log.warning("outbox item %s: database away (%s)", item.id, _name(error))
                    soon = clock.now() + SOON
                    await self._record(item, holder, "pending", error=_name(error), not_before=soon)
                    return
                log.exception("outbox item %s (%s) failed", item.id, item.kind)  # our own bug
                await self._later(item, holder, _name(error))
                return
            else:
                await self._record(item, holder, "sent")
                return

    async def _record(
        self,
        item: OutboxItem,
        holder: str,
        state: str,
        *,
        error: str | None = None,
        not_before: datetime | None = None,
        ambiguous: bool = False,
    ) -> None:
        """Record an outcome, trying again while the database is away (see the module)."""
        delay, waited = RECORD_FIRST, 0.0
        while True:
            try:
                recorded = await self.storage.outbox.settle(
                    item.id,
                    state,
                    self.clock.now(),
                    error=error,
                    not_before=not_before,
                    ambiguous=ambiguous,
                    holder=holder,
                )
            except Exception as failure:
                if self._stopping and waited >= RECORD_AT_STOP:
                    log.error("outbox item %s: its outcome (%s) is not recorded", item.id, state)
                    return
                if waited == 0:
                    log.warning("outbox item %s: recording it failed (%s)", item.id, _name(failure))
                await asyncio.sleep(delay)
                waited += delay
                delay = min(delay * 2, RECORD_MOST)
                continue
            if not recorded:  # taken back meanwhile (our lease lapsed), or its person erased
                log.info("outbox item %s was no longer ours to record as %s", item.id, state)
            return

    async def _later(self, item: OutboxItem, holder: str, error: str) -> None:
        now = self.clock.now()
        if item.attempts >= MAX_ATTEMPTS:
            await self._record(item, holder, "failed", error=error)
            log.error(
                "outbox item %s (%s) failed %s times: %s", item.id, item.kind, item.attempts, error
            )
            return
        delay = LATER * 2 ** (item.attempts - 1) * random.uniform(0.8, 1.2)
        await self._record(item, holder, "pending", error=error, not_before=now + delay)

    async def _chat_gone(self, item: OutboxItem, holder: str, error: str) -> None:
        now = self.clock.now()
        if item.user_id is not None:
            try:
                await self.storage.users.update(item.user_id, now, active=False)
                log.warning("user %s is unreachable (%s): marked inactive", item.user_id, error)
            except Exception as failure:  # kept active: the next send tells again
                log.warning("user %s: could not mark inactive (%s)", item.user_id, _name(failure))
        await self._record(item, holder, "dropped", error=error)


def _name(error: BaseException) -> str:
    return type(error).__name__


def _describe(error: Exception) -> str:
    """An error for the outbox row: its class and Telegram's message, never message text."""
    return f"{type(error).__name__}: {getattr(error, 'message', '')}"[:200]


def outbox_worker(
    services: Services,
    provided: Provided,
    bot: Bot,
    runtime: Runtime,
    presence: Presence,
    *,
    concurrency: int,
) -> OutboxWorker:
    """The worker that delivers every scheduled kind, each deliverer handed the features bound
    once (`provided`), its turn's runtime and the bot."""
    return OutboxWorker(
        services.storage,
        services.clock,
        {kind.name: partial(kind.deliver, provided, runtime, bot) for kind in services.kinds},
        {kind.name: kind.grace for kind in services.kinds},
        presence,
        concurrency=concurrency,
    )
