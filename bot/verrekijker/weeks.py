"""Calendar weeks as the verrekijker sees them: Monday to Sunday, labelled by ISO week."""

from __future__ import annotations

from datetime import date, timedelta

WEEK = timedelta(days=7)


def week_start(d: date) -> date:
    """The Monday of the week that holds `d`."""
    return d - timedelta(days=d.weekday())


def week_range(start: date) -> tuple[date, date]:
    """Monday and Sunday (both inclusive) of the week that holds `start`."""
    monday = week_start(start)
    return monday, monday + timedelta(days=6)


def week_number(start: date) -> int:
    """The ISO week number (1–53) of the week that holds `start`."""
    return start.isocalendar().week


def iso_label(start: date) -> str:
    """An ISO week label such as '2026-W09', stable for keys and logs."""
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def week_starts(first: date, last: date) -> tuple[date, ...]:
    """Every Monday from the week of `first` through the week of `last`, oldest first."""
    monday, end = week_start(first), week_start(last)
    count = max(0, (end - monday).days // 7 + 1)
    return tuple(monday + i * WEEK for i in range(count))
