"""How Python values are written as SQLite text, in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # fixed width, so text order is time order


def utc_text(moment: datetime) -> str:
    """An aware datetime as sortable UTC text."""
    return moment.astimezone(UTC).strftime(_UTC_FORMAT)


def utc_value(text: str | None) -> datetime | None:
    """Sortable UTC text back to an aware datetime (None stays None: a nullable column)."""
    if text is None:
        return None
    return utc_required(text)


def utc_required(text: str) -> datetime:
    """Sortable UTC text of a NOT NULL column back to an aware datetime."""
    # The fixed format above, parsed in C (strptime costs fifty times more; a person's row
    # holds a dozen of these, read on every answer).
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def days_mask(days: frozenset[int]) -> int:
    """Weekdays (0 = Monday) as a bit mask."""
    return sum(1 << day for day in days)


def days_value(mask: int) -> frozenset[int]:
    """A bit mask back to weekdays."""
    return frozenset(day for day in range(7) if mask & (1 << day))


def time_text(value: time) -> str:
    """A wall-clock time as HH:MM."""
    return value.strftime("%H:%M")


def time_value(text: str) -> time:
    """HH:MM back to a time."""
    return time.fromisoformat(text)


def date_value(text: str | None) -> date | None:
    """ISO date text back to a date."""
    return None if text is None else date.fromisoformat(text)
