"""The check-in's scheduled kind: the day's check-in at the person's own time (the dialog
delivers it)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import account
from bot.checkin.dialog import steps
from bot.core.kinds import ScheduledKind
from bot.core.schedule import LATE_GRACE, local_date
from bot.delivery.due import due_users
from storage import User


def _day(user: User, moment: datetime) -> str:
    return local_date(moment, ZoneInfo(user.timezone)).isoformat()


CHECKIN = ScheduledKind[User](
    name="checkin",
    field="next_due_at",
    next_moment=account.next_due,
    period_key=_day,
    grace=LATE_GRACE,
    deliver=steps.deliver_scheduled,
    due=due_users,
    reads=account.SCHEDULE_START | {"checkin_time", "days"},
)
KINDS = (CHECKIN,)
