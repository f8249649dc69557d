"""What a scheduled kind is, and how the kinds stored per user fall due.

Each user's (or team's) next moment of each kind is stored, so the schedule survives restarts:
after downtime, what fell due within its grace goes out once, late; older moments are skipped.
Only database work happens here (no network), in batches, so a 16:30 peak costs seconds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.account.moments import is_paused
from bot.core.runtime import Runtime
from bot.core.schedule import is_stale, local_date
from bot.core.services import Services
from storage import NewOutboxItem, OutboxItem, Team, User

BATCH_SIZE = 500

Subject = TypeVar("Subject", User, Team)  # who holds the stored moment
# Sends one outbox item of the kind; raises Skip or ChatGone (bot/delivery/errors.py).
Deliverer = Callable[[Services, Runtime, Bot, OutboxItem], Awaitable[None]]


@dataclass(frozen=True)
class ScheduledKind(Generic[Subject]):
    """One kind of scheduled message, declared once in the registry (bot/delivery/kinds.py)."""

    name: str  # the outbox kind
    field: str  # the subject's field that holds the next moment (stored, so it survives restarts)
    next_moment: Callable[[Subject, datetime], datetime | None]  # the first moment after a time
    period_key: Callable[[Subject, datetime], str]  # the period a moment is for: sent once each
    grace: timedelta  # how late it may still go out after downtime; older ones are skipped
    deliver: Deliverer
    # Puts what fell due in the outbox and moves the stored moments on; returns how many.
    due: Callable[[Services, ScheduledKind[Subject], datetime], Awaitable[int]]

    async def enqueue_due(self, services: Services, now: datetime) -> int:
        """Queue what fell due by `now` (see `due`)."""
        return await self.due(services, self, now)


async def due_users(services: Services, kind: ScheduledKind[User], now: datetime) -> int:
    """The due source of every per-user kind: once per period, each schedule moved on."""
    storage, queued = services.storage, 0
    while users := await storage.users.due(now, BATCH_SIZE, kind.field):
        items, moves = [], []
        for user in users:
            due = getattr(user, kind.field)
            stale = is_stale(due, now, kind.grace)
            # After downtime, a later moment still within its grace is next (this loop
            # queues it right away); otherwise the first moment after now.
            moves.append((user.user_id, kind.next_moment(user, now - kind.grace if stale else now)))
            if stale or is_paused(user, local_date(due, ZoneInfo(user.timezone))):
                continue  # too late after downtime, or paused: skipped, not sent late
            period = kind.period_key(user, due)
            items.append(NewOutboxItem(kind.name, user.chat_id, period, due, user.user_id))
        # Enqueue before moving on: a crash in between enqueues again, harmlessly.
        queued += await storage.outbox.enqueue(items, now)
        await storage.users.set_moments(kind.field, moves, now)
    return queued
