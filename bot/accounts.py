"""A user's settings and schedule: registration, changes, pause and resume."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.schedule import WORKDAYS, next_occurrence, resume_after
from bot.services import Services
from storage import User

DEFAULT_TIME = time(16, 30)
DEFAULT_DAYS = WORKDAYS
FIRST_STEP = "language"
# Fields whose change moves the next check-in.
_SCHEDULE_FIELDS = {"timezone", "checkin_time", "days", "paused", "paused_until", "onboarding_step"}


def is_paused(user: User, today: date) -> bool:
    """Whether the user is paused on their local date `today` (a dated pause ends by itself)."""
    return user.paused and (user.paused_until is None or today <= user.paused_until)


def next_due(user: User, now: datetime) -> datetime | None:
    """When the user's next scheduled check-in falls (UTC), or None when nothing is scheduled."""
    if not user.onboarded:
        return None
    tz = ZoneInfo(user.timezone)
    start = now
    if user.paused:
        if user.paused_until is None:
            return None
        # One second before local midnight, so a 00:00 check-in on the first day back counts.
        start = max(now, resume_after(user.paused_until, tz) - timedelta(seconds=1))
    return next_occurrence(start, user.checkin_time, user.days, tz)


async def register(
    services: Services, *, user_id: int, chat_id: int, language: str
) -> tuple[User, bool]:
    """The user, created with defaults on first contact; the flag says whether it is new."""
    users = services.storage.users
    existing = await users.get(user_id)
    if existing is not None:
        if existing.chat_id != chat_id:
            existing = await users.update(user_id, services.clock.now(), chat_id=chat_id)
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
    updated = await services.storage.users.update(user.user_id, now, **changes)
    if _SCHEDULE_FIELDS & set(changes):
        updated = await services.storage.users.update(
            user.user_id, now, next_due_at=next_due(updated, now)
        )
    return updated


async def pause(services: Services, user: User, days: int | None) -> User:
    """Pause for a number of local days (today included), or until /resume."""
    until = None
    if days is not None:
        today = services.clock.now().astimezone(ZoneInfo(user.timezone)).date()
        until = today + timedelta(days=days - 1)
    return await change(services, user, paused=True, paused_until=until)


async def resume(services: Services, user: User) -> User:
    """End a pause."""
    return await change(services, user, paused=False, paused_until=None)
