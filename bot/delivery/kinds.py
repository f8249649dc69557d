"""The registry of scheduled kinds: each declared once, with where its next moment is stored,
how it moves on, the period it is sent once for, its grace, how it falls due and its deliverer.

Adding a kind: declare it here (in the order the reader should queue it) and write its
deliverer in the feature. A per-user kind needs its moment column in `users` (a migration).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.account import moments
from bot.checkin import flow as checkin_flow
from bot.core.presence import Presence
from bot.core.runtime import Runtime
from bot.core.schedule import LATE_GRACE, local_date
from bot.core.services import Services
from bot.delivery.errors import Skip
from bot.delivery.parts import Parts
from bot.delivery.scheduled import ScheduledKind, due_users
from bot.delivery.worker import OutboxWorker
from bot.teams import digest as team_digest
from bot.verrekijker import flow as weekly
from bot.verrekijker.weeks import week_start
from storage import OutboxItem, Team, User


def _day(user: User, moment: datetime) -> str:
    return local_date(moment, ZoneInfo(user.timezone)).isoformat()


def _week(user: User, moment: datetime) -> str:
    return week_start(local_date(moment, ZoneInfo(user.timezone))).isoformat()


async def _user(services: Services, item: OutboxItem) -> User:
    """The addressee, still there and reachable, and not paused on the day it is for."""
    user = await services.storage.users.get(item.user_id) if item.user_id else None
    if user is None or not user.active:
        raise Skip("user erased or unreachable")
    if moments.is_paused(user, local_date(item.due_at, ZoneInfo(user.timezone))):
        raise Skip("paused")
    return user


async def deliver_checkin(services: Services, runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """The day's check-in, unless /today already brought it.

    In the person's turn, as their updates are handled (/delete included): an erase either
    came first, and nothing is sent, or waits until this send is done.
    """
    day = date.fromisoformat(item.period)
    async with runtime.user_lock(item.user_id or 0):
        user = await _user(services, item)
        checkin = await services.storage.checkins.for_date(user.user_id, day)
        if checkin is not None and checkin.delivered:
            raise Skip("already delivered")
        if checkin is None:
            checkin = await checkin_flow.create_checkin(services, user, day, "scheduled")
        await checkin_flow.deliver(services, bot, user, checkin)


async def deliver_verrekijker(
    services: Services, runtime: Runtime, bot: Bot, item: OutboxItem
) -> None:
    """The weekly look back, for the week in the item's period (in the person's turn)."""
    async with runtime.user_lock(item.user_id or 0):
        user = await _user(services, item)
        parts = await Parts.of(services, item)  # a retry resumes after the parts already sent
        week = date.fromisoformat(item.period)
        await weekly.send_verrekijker(services, runtime, bot, user, week, parts)


async def deliver_nudge(services: Services, runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """The midweek nudge, if the user still has not reflected that week (in their turn)."""
    async with runtime.user_lock(item.user_id or 0):
        user = await _user(services, item)
        day = local_date(item.due_at, ZoneInfo(user.timezone))
        if not moments.nudge_fits(user, day):  # settings as they are now, not when queued
            raise Skip("nudges off, or a check-in comes that day")
        if not await weekly.nudge_needed(services, user, day):
            raise Skip("reflected already this week")
        await weekly.send_nudge(services, bot, user)


CHECKIN = ScheduledKind[User](
    name="checkin",
    field="next_due_at",
    next_moment=moments.next_due,
    period_key=_day,
    grace=LATE_GRACE,
    deliver=deliver_checkin,
    due=due_users,
)
VERREKIJKER = ScheduledKind[User](
    name="verrekijker",
    field="next_verrekijker_at",
    next_moment=moments.next_verrekijker,
    period_key=_week,
    grace=timedelta(days=3),  # a weekly summary is still welcome a few days late
    deliver=deliver_verrekijker,
    due=due_users,
)
NUDGE = ScheduledKind[User](
    name="nudge",
    field="next_nudge_at",
    next_moment=moments.next_nudge,
    period_key=_week,
    grace=LATE_GRACE,
    deliver=deliver_nudge,
    due=due_users,
)
TEAM_DIGEST = ScheduledKind[Team](
    name=team_digest.KIND,
    field="next_digest_at",
    next_moment=team_digest.next_moment,
    period_key=team_digest.period_key,  # the week that ended
    # Still sensible a few days late; later ones are skipped, their weeks settled all the same.
    grace=timedelta(days=3),
    deliver=team_digest.deliver,
    due=team_digest.due,  # due per team, not per user: it goes to every member and the group
)

# Per-user kinds first: the reader queues them in this order.
USER_KINDS = (CHECKIN, VERREKIJKER, NUDGE)
KINDS = (*USER_KINDS, TEAM_DIGEST)


def outbox_worker(
    services: Services, bot: Bot, runtime: Runtime, presence: Presence, *, concurrency: int
) -> OutboxWorker:
    """The worker that delivers these kinds, each deliverer bound to what it needs."""
    return OutboxWorker(
        services.storage,
        services.clock,
        {kind.name: partial(kind.deliver, services, runtime, bot) for kind in KINDS},
        {kind.name: kind.grace for kind in KINDS},
        presence,
        concurrency=concurrency,
    )
