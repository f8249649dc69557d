"""The verrekijker's scheduled kinds: the weekly look back, and the midweek nudge before it
(the dialog delivers them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import account
from bot.core.kinds import ScheduledKind
from bot.core.schedule import LATE_GRACE, local_date
from bot.delivery.due import due_users
from bot.verrekijker import dialog
from bot.verrekijker.weeks import week_start
from storage import User


def _week(user: User, moment: datetime) -> str:
    return week_start(local_date(moment, ZoneInfo(user.timezone))).isoformat()


VERREKIJKER = ScheduledKind[User](
    name="verrekijker",
    field="next_verrekijker_at",
    next_moment=account.next_verrekijker,
    period_key=_week,
    grace=timedelta(days=3),  # a weekly summary is still welcome a few days late
    deliver=dialog.deliver_verrekijker,
    due=due_users,
    reads=account.SCHEDULE_START | {"verrekijker_day", "verrekijker_time"},
)
NUDGE = ScheduledKind[User](
    name="nudge",
    field="next_nudge_at",
    next_moment=account.next_nudge,
    period_key=_week,
    grace=LATE_GRACE,
    deliver=dialog.deliver_nudge,
    due=due_users,
    reads=account.SCHEDULE_START | {"checkin_time", "days", "nudges"},
)
KINDS = (VERREKIJKER, NUDGE)
