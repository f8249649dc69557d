"""When a user's scheduled messages fall: pure functions of the user's settings, no I/O.

The scheduled kinds (bot/checkin/kinds.py, bot/verrekijker/kinds.py) name these as their
next-moment functions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.schedule import next_occurrence, resume_after
from storage import User

NUDGE_DAY = 2  # Wednesday: midweek, with time left to reflect before the verrekijker


# The settings every per-user moment follows: whether, and from when, anything is scheduled.
SCHEDULE_START = frozenset({"onboarding_step", "paused", "paused_until", "timezone"})


def _schedule_start(user: User, now: datetime) -> datetime | None:
    """From when messages may be scheduled: now, the end of a dated pause, or never."""
    if not user.onboarded:
        return None
    if not user.paused:
        return now
    if user.paused_until is None:
        return None
    # One second before local midnight, so a 00:00 moment on the first day back counts.
    resume = resume_after(user.paused_until, ZoneInfo(user.timezone)) - timedelta(seconds=1)
    return max(now, resume)


def next_due(user: User, now: datetime) -> datetime | None:
    """When the user's next scheduled check-in falls (UTC), or None when nothing is scheduled."""
    start = _schedule_start(user, now)
    if start is None:
        return None
    return next_occurrence(start, user.checkin_time, user.days, ZoneInfo(user.timezone))


def next_verrekijker(user: User, now: datetime) -> datetime | None:
    """When the user's next weekly verrekijker falls (UTC)."""
    start = _schedule_start(user, now)
    if start is None:
        return None
    tz = ZoneInfo(user.timezone)
    return next_occurrence(start, user.verrekijker_time, frozenset({user.verrekijker_day}), tz)


def nudge_fits(user: User, day: date) -> bool:
    """A standalone nudge only on a day without a check-in: a check-in is invitation enough.

    (Its lines all say "tap /today"; folded into a check-in they would only add weight.)
    """
    return user.nudges and day.weekday() not in user.days


def next_nudge(user: User, now: datetime) -> datetime | None:
    """When the next midweek nudge could fall (UTC); None when nudges are off or when
    a check-in comes that day anyway."""
    start = _schedule_start(user, now)
    if start is None or not user.nudges or NUDGE_DAY in user.days:
        return None
    tz = ZoneInfo(user.timezone)
    return next_occurrence(start, user.checkin_time, frozenset({NUDGE_DAY}), tz)
