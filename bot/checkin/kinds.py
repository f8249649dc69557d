"""The check-in's scheduled kind: the day's check-in at the person's own time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.account import moments
from bot.checkin import service, steps
from bot.core.kinds import ScheduledKind
from bot.core.runtime import Runtime
from bot.core.schedule import LATE_GRACE, local_date
from bot.core.services import Services
from bot.delivery.due import addressee, due_users
from bot.delivery.errors import Skip
from storage import OutboxItem, User


def _day(user: User, moment: datetime) -> str:
    return local_date(moment, ZoneInfo(user.timezone)).isoformat()


async def deliver_checkin(services: Services, runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """The day's check-in, unless /today already brought it.

    In the person's turn, as their updates are handled (/delete included): an erase either
    came first, and nothing is sent, or waits until this send is done.
    """
    day = date.fromisoformat(item.period)
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(services, item)
        checkin = await services.storage.checkins.for_date(user.user_id, day)
        if checkin is not None and checkin.delivered:
            raise Skip("already delivered")
        if checkin is None:
            checkin = await service.create_checkin(services, user, day, "scheduled")
        await steps.deliver(services, bot, user, checkin)


CHECKIN = ScheduledKind[User](
    name="checkin",
    field="next_due_at",
    next_moment=moments.next_due,
    period_key=_day,
    grace=LATE_GRACE,
    deliver=deliver_checkin,
    due=due_users,
    reads=moments.SCHEDULE_START | {"checkin_time", "days"},
)
KINDS = (CHECKIN,)
