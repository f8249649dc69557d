"""Due-time computation for check-ins: pure zoneinfo arithmetic, no Telegram and no I/O.

Weekdays are Python weekday numbers (0=Monday .. 6=Sunday) in a frozenset. All moments that go
in or come out are aware datetimes; results are always in UTC.
"""

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import Clock

__all__ = [
    "ALL_DAYS",
    "LATE_GRACE",
    "WORKDAYS",
    "is_stale",
    "local_date",
    "next_occurrence",
    "resume_after",
]

WORKDAYS: frozenset[int] = frozenset(range(5))
ALL_DAYS: frozenset[int] = frozenset(range(7))

# After downtime a check-in up to this late is still sent; older ones are skipped.
LATE_GRACE = timedelta(hours=3)

_ONE_DAY = timedelta(days=1)


def _require_aware(moment: datetime) -> None:
    """Reject naive datetimes, which astimezone() would silently read as server-local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment!r}")


def _gap_end(lo: datetime, hi: datetime, tz: ZoneInfo) -> datetime:
    """Return the transition instant in [lo, hi] where tz switches to hi's UTC offset."""
    # Bisect whole seconds (tzdata transitions are whole seconds); a one-hour gap takes ~12 steps
    # and only runs on the rare non-existent local time, so the common path stays O(1).
    target = hi.astimezone(tz).utcoffset()
    lo_s, hi_s = math.floor(lo.timestamp()), math.ceil(hi.timestamp())
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if datetime.fromtimestamp(mid, UTC).astimezone(tz).utcoffset() == target:
            hi_s = mid
        else:
            lo_s = mid
    return datetime.fromtimestamp(hi_s, UTC)


def _wall_to_utc(day: date, local_time: time, tz: ZoneInfo) -> datetime:
    """Map a local wall-clock reading to UTC: first occurrence if ambiguous, gap end if missing."""
    # fold=0 picks the earlier of two ambiguous readings; combine() would copy a caller's fold=1.
    wall = datetime.combine(day, local_time.replace(tzinfo=None, fold=0), tzinfo=tz)
    utc = wall.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return utc
    # The reading falls in a spring-forward gap. fold=0 used the pre-gap offset and fold=1 the
    # post-gap one, so the transition (the first valid moment after the gap) lies between them.
    other = wall.replace(fold=1).astimezone(UTC)
    return _gap_end(min(utc, other), max(utc, other), tz)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    """Return the user's local calendar date at an aware moment."""
    _require_aware(moment)
    return moment.astimezone(tz).date()


def local_today(clock: Clock, timezone: str) -> date:
    """The local date now in a user's (IANA) timezone: her today."""
    return local_date(clock.now(), ZoneInfo(timezone))


def next_occurrence(
    after: datetime, local_time: time, days: frozenset[int], tz: ZoneInfo
) -> datetime | None:
    """Return the first UTC moment strictly after `after` showing `local_time` on one of `days`."""
    _require_aware(after)
    if not days:
        return None
    if not days <= ALL_DAYS:
        raise ValueError(f"weekdays must be 0..6, got {sorted(days)}")
    start = local_date(after, tz)
    # Today's slot may already be past; the next 7 dates then cover every weekday once.
    for offset in range(8):
        day = start + offset * _ONE_DAY
        if day.weekday() not in days:
            continue
        due = _wall_to_utc(day, local_time, tz)
        if due > after:
            return due
    raise AssertionError("unreachable: eight consecutive dates contain every weekday")


def resume_after(paused_until: date, tz: ZoneInfo) -> datetime:
    """Return the UTC moment of local midnight (or first valid moment) after `paused_until`."""
    return _wall_to_utc(paused_until + _ONE_DAY, time(0, 0), tz)


def is_stale(due: datetime, now: datetime, grace: timedelta = LATE_GRACE) -> bool:
    """Return True when a check-in due at `due` is more than `grace` in the past at `now`."""
    return now - due > grace
