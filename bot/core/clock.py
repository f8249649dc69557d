"""Where "now" comes from: the system clock, or one the demo and tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of the current aware UTC time."""

    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until moved (for `try` and tests)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime.now(UTC)).astimezone(UTC)

    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to a moment (never backwards: the schedule assumes time moves on)."""
        self._now = max(self._now, moment.astimezone(UTC))

    def advance(self, delta: timedelta) -> None:
        """Move forward by a duration."""
        self._now += delta
