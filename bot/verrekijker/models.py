"""Plain frozen views the builders return and the renderers and chart read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from prompts import Lens

Direction = Literal["up", "down", "steady", "unknown"]


@dataclass(frozen=True)
class Quote:
    """One answer in the user's own words (whitespace tidied, never rewritten)."""

    day: date
    signpost: int
    question: str
    text: str


@dataclass(frozen=True)
class SignpostQuotes:
    """The answers of one week to one signpost, in the order they were written."""

    signpost: int
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class DayScales:
    """The two scales of one day of the week; None where nothing was tapped."""

    day: date
    energy: int | None
    boundaries: int | None


@dataclass(frozen=True)
class LensView:
    """One of the three lenses: how many answers looked through it, and one to show."""

    lens: Lens
    count: int
    quote: Quote | None


@dataclass(frozen=True)
class WeekView:
    """Zoom in: one week (Monday to Sunday) in the user's own words and scales."""

    start: date
    end: date
    days: tuple[date, ...]  # days with an answer or a scale, oldest first
    groups: tuple[SignpostQuotes, ...]  # by first appearance in the week
    scales: tuple[DayScales, ...]  # always seven, Monday first
    attention: tuple[int, ...]  # answers per signpost, index 0 is signpost 1
    lenses: tuple[LensView, ...]
    boundary_quotes: tuple[Quote, ...]  # answers to signposts tagged 'boundaries'
    low_days: tuple[date, ...]  # days with energie or grenzen at or below LOW_SCORE
    scored_days: int = 0  # days with energie or grenzen tapped
    lowest: bool = False  # a scale at 1 on some day: no word of praise this week
    heavy: bool = False  # the practitioner wrote of not wanting to live, or of self-harm

    @property
    def empty(self) -> bool:
        """True when nothing at all was reflected this week."""
        return not self.days

    @property
    def answers(self) -> int:
        """How many answers the week holds."""
        return sum(self.attention)


@dataclass(frozen=True)
class WeekStat:
    """One week of the zoom-out: answers, and the average of each scale (None if none)."""

    start: date
    answers: int
    energy: float | None
    boundaries: float | None


@dataclass(frozen=True)
class Trend:
    """This week's average of a scale against the mean of the weekly averages before."""

    current: float | None
    before: float | None
    direction: Direction


@dataclass(frozen=True)
class SignpostAttention:
    """How much one signpost was looked at in the period, and when it last was at all."""

    signpost: int
    answers: int
    last_seen: date | None  # over the whole history up to the week in view
    weeks_ago: int | None  # whole weeks between that week and this one; None = never


@dataclass(frozen=True)
class Suggestion:
    """The signpost for next week and which of its questions to offer (content index)."""

    signpost: int
    question: int


@dataclass(frozen=True)
class Overview:
    """Zoom out: the weeks up to and including the week in view."""

    start: date  # Monday of the oldest week in the period
    week: date  # Monday of the week in view
    since_start: bool  # True when the period holds all history, not only the last N weeks
    weeks: tuple[WeekStat, ...]  # oldest first, the week in view last
    signposts: tuple[SignpostAttention, ...]  # ten, signpost 1 first
    energy: Trend
    boundaries: Trend
    words: tuple[tuple[str, int], ...]
    baseline: tuple[float, ...]  # answers per signpost per week, in the weeks before
    suggestion: Suggestion

    @property
    def answers(self) -> int:
        """How many answers the whole period holds."""
        return sum(w.answers for w in self.weeks)

    @property
    def most(self) -> tuple[SignpostAttention, ...]:
        """Signposts with answers in the period, most answers first."""
        seen = [s for s in self.signposts if s.answers]
        return tuple(sorted(seen, key=lambda s: (-s.answers, s.signpost)))

    @property
    def unseen(self) -> tuple[SignpostAttention, ...]:
        """Signposts never answered at all, lowest number first."""
        return tuple(s for s in self.signposts if s.last_seen is None)

    @property
    def quiet(self) -> tuple[SignpostAttention, ...]:
        """Signposts answered once, but not in this period: the longest ago first."""
        quiet = [s for s in self.signposts if not s.answers and s.last_seen is not None]
        return tuple(sorted(quiet, key=lambda s: (s.last_seen or date.min, s.signpost)))
