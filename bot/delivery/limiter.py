"""Keeping under Telegram's limits, with room for interactive replies.

Telegram (Bots FAQ) allows about 30 messages per second in bulk, about one per second per
private chat (short bursts are fine) and 20 per minute per group. Scheduled messages (sent
by the outbox worker, marked with `bulk_sending()`) are paced to a configurable global rate
(default 25/s, for the whole bot: bot/delivery/pacing.py shares it between instances) and to
one message per second per chat; replies to what a user just did are not held back by our
pacing, so they go first and the fan-out fills the rest of the budget.
A 429 is obeyed exactly: every bulk send waits `retry_after`, then the request is repeated.
Right before each call the fence is asked whether the task may still act for this instance
(bot/core/presence.py): a task that outlived its instance's lease sends nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.pacing import LocalSchedule, SlotSchedule

log = logging.getLogger(__name__)

_BULK: ContextVar[bool] = ContextVar("sherpa_bulk_sending", default=False)
# Methods that post into a chat and so count against the per-chat and global limits.
SENDING = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "sendChatAction",
    }
)
MAX_RETRIES = 10


@contextlib.contextmanager
def bulk_sending() -> Iterator[None]:
    """Mark the API calls made inside as part of a fan-out (paced, yielding to replies)."""
    token = _BULK.set(True)
    try:
        yield
    finally:
        _BULK.reset(token)


@dataclass
class LimiterStats:
    """What the limiter did, for tests, `status` and benchmarks."""

    bulk_calls: int = 0
    interactive_calls: int = 0
    retry_after_received: int = 0
    retry_after_waited: float = 0.0


class SherpaRateLimiter(BaseRateLimiter[None]):
    """Global pacing of bulk sends, per-chat spacing, and exact obedience to 429s."""

    def __init__(
        self,
        rate: float = 25.0,
        per_chat_interval: float = 1.0,
        group_interval: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        schedule: SlotSchedule | None = None,
        fence: Callable[[], None] | None = None,
    ) -> None:
        self.rate = rate
        self._fence = fence
        self.per_chat_interval = per_chat_interval
        self.group_interval = group_interval
        self.stats = LimiterStats()
        self._clock = clock
        # The global bulk schedule: one slot every 1/rate seconds (shared on PostgreSQL).
        self._schedule = schedule or LocalSchedule(rate)
        self._chat_next: dict[int, float] = {}
        self._paused_until = 0.0  # set by a 429; every bulk send waits for it
        self._lock = asyncio.Lock()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Any:
        """Pace bulk sends, then call; on a 429 wait exactly as asked and call again."""
        bulk = _BULK.get() and endpoint in SENDING
        for attempt in range(MAX_RETRIES + 1):
            if bulk:
                await self._wait_for_slot(data.get("chat_id"))
                self.stats.bulk_calls += 1
            else:
                self.stats.interactive_calls += 1
            if self._fence is not None:
                self._fence()  # raises when this task's instance lost its leases meanwhile
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == MAX_RETRIES:
                    raise
                await self._obey(error)
        raise AssertionError("unreachable")

    async def _obey(self, error: RetryAfter) -> None:
        after = error.retry_after
        wait = after.total_seconds() if isinstance(after, timedelta) else float(after)
        self.stats.retry_after_received += 1
        self.stats.retry_after_waited += wait
        self._paused_until = max(self._paused_until, self._clock() + wait)
        try:  # every instance waits: the limit is the bot's
            await self._schedule.pause_until(self._paused_until)
        except Exception:  # the database is away; this instance still waits
            log.exception("could not share the wait with the other instances")
        log.warning("Telegram asked to wait %.0f s (flood control); waiting", wait)
        await asyncio.sleep(wait)

    async def _wait_for_slot(self, chat_id: Any) -> None:
        """Reserve the next global slot and this chat's next slot, then sleep until both."""
        async with self._lock:
            now = self._clock()
            start = max(now, self._paused_until)
            slot = await self._schedule.take(start)
            if isinstance(chat_id, int):
                interval = self.group_interval if chat_id < 0 else self.per_chat_interval
                slot = max(slot, self._chat_next.get(chat_id, 0.0))
                self._chat_next[chat_id] = slot + interval
                if len(self._chat_next) > 50_000:  # forget chats whose slot has passed
                    self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        delay = slot - self._clock()
        if delay > 0:
            await asyncio.sleep(delay)
        while self._paused_until > self._clock():  # a 429 arrived while we slept
            await asyncio.sleep(self._paused_until - self._clock())
