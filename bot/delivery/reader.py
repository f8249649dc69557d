"""The periodic schedule reader: moves what fell due into the outbox, for the worker to send.

Each user's next moment of each kind is stored, so this survives restarts: after downtime,
what fell due within its grace period goes out once, late; older moments are skipped. Only
database work happens here (no network), in batches, so a 16:30 peak costs seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.account import flow as accounts
from bot.core.schedule import is_stale, local_date
from bot.core.services import Services
from bot.delivery.kinds import GRACES
from bot.verrekijker.weeks import week_start
from storage import NewOutboxItem, User

log = logging.getLogger(__name__)

BATCH_SIZE = 500


def _day(user: User, moment: datetime) -> str:
    return local_date(moment, ZoneInfo(user.timezone)).isoformat()


def _week(user: User, moment: datetime) -> str:
    return week_start(local_date(moment, ZoneInfo(user.timezone))).isoformat()


# kind -> (the User field with its next moment, the next moment after now, the period key)
SCHEDULED: dict[
    str,
    tuple[str, Callable[[User, datetime], datetime | None], Callable[[User, datetime], str]],
] = {
    "checkin": ("next_due_at", accounts.next_due, _day),
    "verrekijker": ("next_verrekijker_at", accounts.next_verrekijker, _week),
    "nudge": ("next_nudge_at", accounts.next_nudge, _week),
}


async def enqueue_due(services: Services) -> int:
    """Put everything due now in the outbox (once per period) and move each schedule on."""
    now, storage, queued = services.clock.now(), services.storage, 0
    for kind, (column, following, period) in SCHEDULED.items():
        while users := await storage.users.due(now, BATCH_SIZE, kind):
            items, moves = [], []
            for user in users:
                due = getattr(user, column)
                stale = is_stale(due, now, GRACES[kind])
                # After downtime, a later moment still within its grace is next (this loop
                # queues it right away); otherwise the first moment after now.
                moves.append((user.user_id, following(user, now - GRACES[kind] if stale else now)))
                day = local_date(due, ZoneInfo(user.timezone))
                if stale or accounts.is_paused(user, day):
                    continue  # too late after downtime, or paused: skipped, not sent late
                items.append(
                    NewOutboxItem(kind, user.chat_id, period(user, due), due, user.user_id)
                )
            # Enqueue before moving on: a crash in between enqueues again, harmlessly.
            queued += await storage.outbox.enqueue(items, now)
            await storage.users.set_moments(kind, moves, now)
    return queued
