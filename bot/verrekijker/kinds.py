"""The verrekijker's scheduled kinds: the weekly look back, and the midweek nudge before it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.account import moments
from bot.core.kinds import ScheduledKind
from bot.core.runtime import Runtime
from bot.core.schedule import LATE_GRACE, local_date
from bot.core.services import Services
from bot.delivery.due import addressee, due_users
from bot.delivery.errors import Skip
from bot.delivery.parts import Parts
from bot.verrekijker import dialog as weekly
from bot.verrekijker import service
from bot.verrekijker.weeks import week_start
from storage import OutboxItem, User


def _week(user: User, moment: datetime) -> str:
    return week_start(local_date(moment, ZoneInfo(user.timezone))).isoformat()


async def deliver_verrekijker(
    services: Services, runtime: Runtime, bot: Bot, item: OutboxItem
) -> None:
    """The weekly look back, for the week in the item's period (in the person's turn)."""
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(services, item)
        parts = await Parts.of(services, item)  # a retry resumes after the parts already sent
        week = date.fromisoformat(item.period)
        await weekly.send_verrekijker(services, runtime, bot, user, week, parts)
        # Then the weekly talk: what strikes her, and what she wants to try next week.
        await parts.send(partial(weekly.start_talk, services, bot, user))


async def deliver_nudge(services: Services, runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """The midweek nudge, if the user still has not reflected that week (in their turn)."""
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(services, item)
        day = local_date(item.due_at, ZoneInfo(user.timezone))
        if not moments.nudge_fits(user, day):  # settings as they are now, not when queued
            raise Skip("nudges off, or a check-in comes that day")
        if not await service.nudge_needed(services, user, day):
            raise Skip("reflected already this week")
        await weekly.send_nudge(services, bot, user)


VERREKIJKER = ScheduledKind[User](
    name="verrekijker",
    field="next_verrekijker_at",
    next_moment=moments.next_verrekijker,
    period_key=_week,
    grace=timedelta(days=3),  # a weekly summary is still welcome a few days late
    deliver=deliver_verrekijker,
    due=due_users,
    reads=moments.SCHEDULE_START | {"verrekijker_day", "verrekijker_time"},
)
NUDGE = ScheduledKind[User](
    name="nudge",
    field="next_nudge_at",
    next_moment=moments.next_nudge,
    period_key=_week,
    grace=LATE_GRACE,
    deliver=deliver_nudge,
    due=due_users,
    reads=moments.SCHEDULE_START | {"checkin_time", "days", "nudges"},
)
KINDS = (VERREKIJKER, NUDGE)
