"""The periodic schedule reader: sends the check-ins that are due, from the database."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot import accounts, checkin_flow
from bot.schedule import is_stale, local_date
from bot.services import Services
from storage import User

log = logging.getLogger(__name__)

BATCH_SIZE = 200


async def dispatch_due(services: Services, bot: Bot) -> int:
    """Send every check-in due now; returns how many were sent.

    Each user's next moment is stored, so this survives restarts: after downtime, what fell
    due within the grace period goes out once, late; older moments are skipped.
    """
    now = services.clock.now()
    sent = 0
    while True:
        users = await services.storage.users.due(now, BATCH_SIZE)
        progressed = 0
        for user in users:
            async with services.user_lock(user.user_id):
                outcome = await _deliver_scheduled(services, bot, user, now)
            sent += outcome == "sent"
            progressed += outcome != "retry"
        # A batch with failures left in it waits for the next tick instead of spinning.
        if len(users) < BATCH_SIZE or progressed < len(users):
            return sent


async def _deliver_scheduled(services: Services, bot: Bot, stale: User, now: datetime) -> str:
    """Deliver one user's due check-in; "sent", "skipped" or "retry"."""
    user = await services.storage.users.get(stale.user_id)  # fresh, now that we hold the lock
    if user is None or user.next_due_at is None or user.next_due_at > now:
        return "skipped"
    day = local_date(user.next_due_at, ZoneInfo(user.timezone))
    checkin = await services.storage.checkins.for_date(user.user_id, day)
    if (
        accounts.is_paused(user, day)
        or is_stale(user.next_due_at, now)
        or (checkin is not None and checkin.delivered)  # /today came first
    ):
        await _reschedule(services, user, now)
        return "skipped"
    if checkin is None:
        checkin = await checkin_flow.create_checkin(services, user, day, "scheduled")
    try:
        await checkin_flow.deliver(services, bot, user, checkin)
    except Forbidden:
        log.warning("user %s blocked the bot; check-in not delivered", user.user_id)
        await _reschedule(services, user, now)
        return "skipped"
    except TelegramError as error:
        log.warning("check-in for user %s not sent, will retry: %s", user.user_id, error.message)
        return "retry"
    await _reschedule(services, user, now)
    return "sent"


async def _reschedule(services: Services, user: User, now: datetime) -> None:
    await services.storage.users.update(user.user_id, now, next_due_at=accounts.next_due(user, now))
