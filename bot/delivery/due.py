"""How the per-user kinds fall due, and who a per-user item is still for.

Only database work happens here (no network), in batches, so a 16:30 peak costs seconds.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.kinds import ScheduledKind
from bot.core.schedule import is_stale, local_date
from bot.core.services import Services
from bot.delivery.errors import Skip
from storage import NewOutboxItem, OutboxItem, User
from storage.users import UserRepository

BATCH_SIZE = 500


async def due_users(services: Services, kind: ScheduledKind[User], now: datetime) -> int:
    """The due source of every per-user kind: once per period, each schedule moved on."""
    storage, queued = services.storage, 0
    while users := await storage.users.due(now, BATCH_SIZE, kind.field):
        items, moves = [], []
        for user in users:
            due = user.moments[kind.field]
            assert due is not None  # the query only returns users with a due moment
            stale = is_stale(due, now, kind.grace)
            # After downtime, a later moment still within its grace is next (this loop
            # queues it right away); otherwise the first moment after now.
            moves.append((user.user_id, kind.next_moment(user, now - kind.grace if stale else now)))
            if stale or user.paused_on(local_date(due, ZoneInfo(user.timezone))):
                continue  # too late after downtime, or paused: skipped, not sent late
            period = kind.period_key(user, due)
            items.append(NewOutboxItem(kind.name, user.chat_id, period, due, user.user_id))
        # Enqueue before moving on: a crash in between enqueues again, harmlessly.
        queued += await storage.outbox.enqueue(items, now)
        await storage.users.set_moments(kind.field, moves, now)
    return queued


async def addressee(users: UserRepository, item: OutboxItem) -> User:
    """The addressee of a per-user item, still there and reachable, and not paused on the day
    it is for; Skip otherwise."""
    user = await users.get(item.user_id) if item.user_id else None
    if user is None or not user.active:
        raise Skip("user erased or unreachable")
    if user.paused_on(local_date(item.due_at, ZoneInfo(user.timezone))):
        raise Skip("paused")
    return user
