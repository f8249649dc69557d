"""A user's settings and schedule: registration, changes, pause and resume."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.account.moments import next_nudge, next_verrekijker
from bot.core.schedule import WORKDAYS, resume_after
from bot.core.services import Services
from bot.delivery.kinds import USER_KINDS
from storage import User

DEFAULT_TIME = time(16, 30)
DEFAULT_DAYS = WORKDAYS
FIRST_STEP = "language"
# Fields whose change moves a scheduled message.
_SCHEDULE_FIELDS = {
    "timezone",
    "checkin_time",
    "days",
    "paused",
    "paused_until",
    "onboarding_step",
    "verrekijker_day",
    "verrekijker_time",
    "nudges",
}


def schedule(user: User, now: datetime) -> dict[str, datetime | None]:
    """Every stored next moment of the user, recomputed (as fields for the repository).

    A moment already due (at or before now) stays: the schedule reader has not queued it
    yet, and a setting changed after a moment fell due never drops it. The reader and the
    deliverers still apply the new settings (a pause, nudges off) when it goes out.
    """
    moments = {}
    for kind in USER_KINDS:
        stored = getattr(user, kind.field)
        moments[kind.field] = (
            stored if stored is not None and stored <= now else kind.next_moment(user, now)
        )
    return moments


async def register(
    services: Services, *, user_id: int, chat_id: int, language: str
) -> tuple[User, bool]:
    """The user, created with defaults on first contact; the flag says whether it is new."""
    users = services.storage.users
    existing = await users.get(user_id)
    if existing is not None:
        if existing.chat_id != chat_id or not existing.active:
            # Writing to the bot again (after blocking it) makes the user active again.
            existing = await users.update(
                user_id, services.clock.now(), chat_id=chat_id, active=True
            )
        return existing, False
    user = await users.create(
        user_id=user_id,
        chat_id=chat_id,
        language=language,
        timezone=services.settings.default_timezone,
        checkin_time=DEFAULT_TIME,
        days=DEFAULT_DAYS,
        onboarding_step=FIRST_STEP,
        now=services.clock.now(),
    )
    return user, True


async def change(services: Services, user: User, **changes: Any) -> User:
    """Apply setting changes; the stored next check-in follows when the schedule moved."""
    now = services.clock.now()
    if _SCHEDULE_FIELDS & set(changes):
        # The next moments follow from the changed settings: one write stores both.
        changes |= schedule(replace(user, **changes), now)
    return await services.storage.users.update(user.user_id, now, **changes)


async def pause(services: Services, user: User, days: int | None) -> User:
    """Pause for a number of local days (today included), or until /resume."""
    until = None
    if days is not None:
        today = services.clock.now().astimezone(ZoneInfo(user.timezone)).date()
        until = today + timedelta(days=days - 1)
    # Kept as a period in UTC, so a team's past week knows its member was excused.
    ends_at = None if until is None else resume_after(until, ZoneInfo(user.timezone))
    await services.storage.pauses.start(user.user_id, services.clock.now(), ends_at)
    return await change(services, user, paused=True, paused_until=until)


async def resume(services: Services, user: User) -> User:
    """End a pause."""
    await services.storage.pauses.end(user.user_id, services.clock.now())
    return await change(services, user, paused=False, paused_until=None)


async def backfill_schedules(services: Services) -> int:
    """Give users from before a newer kind of scheduled message their moments (at start)."""
    now, done = services.clock.now(), 0
    while users := await services.storage.users.without_weekly_schedule(500):
        for user in users:
            # Only the missing weekly moments: a check-in already due must stay due.
            await services.storage.users.update(
                user.user_id,
                now,
                next_verrekijker_at=next_verrekijker(user, now),
                next_nudge_at=next_nudge(user, now),
            )
        done += len(users)
    return done
