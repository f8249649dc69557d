"""What each kind of scheduled message does when the worker delivers it."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.account import flow as accounts
from bot.checkin import flow as checkin_flow
from bot.core.schedule import LATE_GRACE, local_date
from bot.core.services import Services
from bot.delivery.parts import Parts
from bot.delivery.worker import Deliverer, Skip
from bot.teams import digest as team_digest
from bot.verrekijker import flow as weekly
from storage import OutboxItem, User


async def _user(services: Services, item: OutboxItem) -> User:
    """The addressee, still there and reachable, and not paused on the day it is for."""
    user = await services.storage.users.get(item.user_id) if item.user_id else None
    if user is None or not user.active:
        raise Skip("user erased or unreachable")
    if accounts.is_paused(user, local_date(item.due_at, ZoneInfo(user.timezone))):
        raise Skip("paused")
    return user


async def deliver_checkin(services: Services, bot: Bot, item: OutboxItem) -> None:
    """The day's check-in, unless /today already brought it."""
    user = await _user(services, item)
    day = date.fromisoformat(item.period)
    async with services.user_lock(user.user_id):
        checkin = await services.storage.checkins.for_date(user.user_id, day)
        if checkin is not None and checkin.delivered:
            raise Skip("already delivered")
        if checkin is None:
            checkin = await checkin_flow.create_checkin(services, user, day, "scheduled")
        await checkin_flow.deliver(services, bot, user, checkin)


async def deliver_verrekijker(services: Services, bot: Bot, item: OutboxItem) -> None:
    """The weekly look back, for the week in the item's period."""
    user = await _user(services, item)
    parts = await Parts.of(services, item)  # a retry resumes after the parts already sent
    await weekly.send_verrekijker(services, bot, user, date.fromisoformat(item.period), parts)


async def deliver_nudge(services: Services, bot: Bot, item: OutboxItem) -> None:
    """The midweek nudge, if the user still has not reflected that week."""
    user = await _user(services, item)
    day = local_date(item.due_at, ZoneInfo(user.timezone))
    if not accounts.nudge_fits(user, day):  # settings as they are now, not when it was queued
        raise Skip("nudges off, or a check-in comes that day")
    if not await weekly.nudge_needed(services, user, day):
        raise Skip("reflected already this week")
    await weekly.send_nudge(services, bot, user)


DELIVERERS: dict[str, Deliverer] = {
    "checkin": deliver_checkin,
    "verrekijker": deliver_verrekijker,
    "nudge": deliver_nudge,
    team_digest.KIND: team_digest.deliver,
}
# How late a message may still go out after downtime; older ones are dropped, not sent.
GRACES = {
    "checkin": LATE_GRACE,
    "nudge": LATE_GRACE,
    "verrekijker": timedelta(days=3),  # a weekly summary is still welcome a few days late
    team_digest.KIND: team_digest.DIGEST_GRACE,
}
