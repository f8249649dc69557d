"""The periodic schedule reader: sends what is due (check-ins, verrekijkers, nudges).

Each user's next moment of each kind is stored, so this survives restarts: after downtime,
what fell due within its grace period goes out once, late; older moments are skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot import accounts, checkin_flow, weekly
from bot.schedule import LATE_GRACE, is_stale, local_date
from bot.services import Services
from bot.verrekijker.weeks import week_start
from storage import User

log = logging.getLogger(__name__)

BATCH_SIZE = 200
Outcome = Literal["sent", "skipped", "retry"]
Deliver = Callable[[Services, Bot, User, datetime], Awaitable[None]]


class Skip(Exception):
    """Nothing to send this time (paused, already sent, not needed); move on."""


async def dispatch_due(services: Services, bot: Bot) -> int:
    """Send everything due now, check-ins first; returns how many messages went out."""
    now = services.clock.now()
    sent = 0
    for kind in KINDS:
        sent += await _dispatch_kind(services, bot, kind, now)
    return sent


async def _dispatch_kind(services: Services, bot: Bot, kind: str, now: datetime) -> int:
    deliver, column, grace, reschedule = KINDS[kind]
    sent = 0
    while True:
        users = await services.storage.users.due(now, BATCH_SIZE, kind)
        progressed = 0
        for listed in users:
            async with services.user_lock(listed.user_id):
                # Re-read under the lock: /today or another tick may have moved things on.
                user = await services.storage.users.get(listed.user_id)
                due = getattr(user, column) if user else None
                if user is None or due is None or due > now:
                    outcome: Outcome = "skipped"
                else:
                    outcome = await _deliver(services, bot, user, due, now, deliver, grace)
                    if outcome != "retry":
                        fields = {column: reschedule(user, now)}
                        await services.storage.users.update(user.user_id, now, **fields)
            sent += outcome == "sent"
            progressed += outcome != "retry"
        # A batch with failures left in it waits for the next tick instead of spinning.
        if len(users) < BATCH_SIZE or progressed < len(users):
            return sent


async def _deliver(
    services: Services,
    bot: Bot,
    user: User,
    due: datetime,
    now: datetime,
    deliver: Deliver,
    grace: timedelta,
) -> Outcome:
    if is_stale(due, now, grace) or accounts.is_paused(user, _day(user, due)):
        return "skipped"
    try:
        await deliver(services, bot, user, due)
    except Skip:
        return "skipped"
    except Forbidden:
        log.warning("user %s blocked the bot; nothing delivered", user.user_id)
        return "skipped"
    except TelegramError as error:
        log.warning("message for user %s not sent, will retry: %s", user.user_id, error.message)
        return "retry"
    return "sent"


def _day(user: User, moment: datetime) -> date:
    return local_date(moment, ZoneInfo(user.timezone))


async def _checkin(services: Services, bot: Bot, user: User, due: datetime) -> None:
    """The check-in of the day it fell due (unless /today came first)."""
    day = _day(user, due)
    checkin = await services.storage.checkins.for_date(user.user_id, day)
    if checkin is not None and checkin.delivered:
        raise Skip
    if checkin is None:
        checkin = await checkin_flow.create_checkin(services, user, day, "scheduled")
    await checkin_flow.deliver(services, bot, user, checkin)


async def _verrekijker(services: Services, bot: Bot, user: User, due: datetime) -> None:
    """The weekly look back, once per local week."""
    if not await weekly.send_weekly_verrekijker(services, bot, user, week_start(_day(user, due))):
        raise Skip


async def _nudge(services: Services, bot: Bot, user: User, due: datetime) -> None:
    """A gentle midweek word, only when nothing was reflected yet this week."""
    if not await weekly.send_nudge(services, bot, user, _day(user, due)):
        raise Skip


# kind -> (deliver, the User field with its next moment, grace period, next moment after now)
KINDS: dict[str, tuple[Deliver, str, timedelta, Callable[[User, datetime], datetime | None]]] = {
    "checkin": (_checkin, "next_due_at", LATE_GRACE, accounts.next_due),
    # A weekly summary is still welcome a few days late; a check-in or nudge is not.
    "verrekijker": (
        _verrekijker,
        "next_verrekijker_at",
        timedelta(days=3),
        accounts.next_verrekijker,
    ),
    "nudge": (_nudge, "next_nudge_at", LATE_GRACE, accounts.next_nudge),
}
