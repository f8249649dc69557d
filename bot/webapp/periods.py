"""The Mini App's zoom levels: which days a level shows around a date, and what it shows there.

Pure functions over the same reflection days the verrekijker reads; the compass, the lenses
and the scales come from the verrekijker's own builders (bot/verrekijker/summary.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Literal, get_args

from bot.verrekijker import (
    DEFAULT_WEEKS,
    SIGNPOSTS,
    WEEK,
    LensView,
    Quote,
    attention_of,
    between,
    day_scales,
    lenses_of,
    quotes_of,
    signpost_tags,
    week_start,
    week_starts,
)
from prompts import Content
from storage import ReflectionDay

Level = Literal["day", "week", "weeks", "season", "all"]
LEVELS: tuple[Level, ...] = get_args(Level)
SPAN_WEEKS = {"week": 1, "weeks": DEFAULT_WEEKS, "season": 13}
BASELINE_PERIODS = 3  # the compass's outline: the mean of up to three periods before


@dataclass(frozen=True)
class Point:
    """The scales of one day (or, zoomed far out, the means of one week)."""

    start: date
    end: date
    energy: float | None
    boundaries: float | None


@dataclass(frozen=True)
class PeriodView:
    """What one zoom level shows around one date."""

    level: Level
    first: date
    last: date
    previous: date | None  # the date to show when moving back; None at the start
    next: date | None  # and forward; None at today
    attention: tuple[int, ...]  # answers per signpost in the period, signpost 1 first
    baseline: tuple[float, ...]  # mean answers per signpost in the periods before
    points: tuple[Point, ...]
    lenses: tuple[LensView, ...]
    quotes: tuple[Quote, ...]
    days: tuple[date, ...]  # the days with an answer or a scale, oldest first


def _mean(values: Sequence[int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _day_anchor(at: date, dates: Sequence[date]) -> date:
    """The reflection day to show for `at`: the latest on or before it, else the first one."""
    earlier = [d for d in dates if d <= at]
    return earlier[-1] if earlier else (dates[0] if dates else at)


def bounds(level: Level, at: date, started: date) -> tuple[date, date]:
    """First and last day of the level's period holding `at` (never before the start week)."""
    if level == "day":
        return at, at
    monday = week_start(at)
    if level == "all":
        return min(started, monday), monday + timedelta(days=6)
    first = monday - (SPAN_WEEKS[level] - 1) * WEEK
    return max(first, min(started, monday)), monday + timedelta(days=6)


def _neighbours(
    level: Level, at: date, first: date, dates: Sequence[date], started: date, today: date
) -> tuple[date | None, date | None]:
    if level == "all":
        return None, None
    if level == "day":
        before, after = [d for d in dates if d < at], [d for d in dates if at < d <= today]
        return (before[-1] if before else None), (after[0] if after else None)
    step = SPAN_WEEKS[level] * WEEK
    previous = at - step if first > started else None
    following = at + step if week_start(at) + step <= week_start(today) else None
    return previous, following


def _attention(days: Sequence[ReflectionDay], first: date, last: date) -> tuple[int, ...]:
    return attention_of(quotes_of(between(days, first, last)))


def _baseline(
    level: Level, days: Sequence[ReflectionDay], first: date, at: date, started: date
) -> tuple[float, ...]:
    """The mean answers per signpost over up to BASELINE_PERIODS periods before this one."""
    if level == "all":
        return tuple(0.0 for _ in SIGNPOSTS)
    if level == "day":
        earlier = sorted({d.local_date for d in days if d.local_date < at})[-BASELINE_PERIODS:]
        periods = [(d, d) for d in earlier]
    else:
        step = SPAN_WEEKS[level] * WEEK
        periods = [bounds(level, at - k * step, started) for k in range(1, BASELINE_PERIODS + 1)]
        periods = [(a, b) for a, b in periods if b >= started and b < first]
    counts = [_attention(days, a, b) for a, b in periods]
    return tuple(fmean(c[n - 1] for c in counts) if counts else 0.0 for n in SIGNPOSTS)


def _points(level: Level, days: Sequence[ReflectionDay], first: date, last: date) -> list[Point]:
    """Per day up to four weeks; per week (the means) for a season and longer."""
    period = between(days, first, last)
    daily = [s for monday in week_starts(first, last) for s in day_scales(period, monday)]
    daily = [s for s in daily if first <= s.day <= last]
    if level in ("day", "week", "weeks"):
        return [Point(s.day, s.day, s.energy, s.boundaries) for s in daily]
    points = []
    for monday in week_starts(first, last):
        week = [s for s in daily if monday <= s.day < monday + WEEK]
        energy, boundaries = _mean([s.energy for s in week]), _mean([s.boundaries for s in week])
        points.append(Point(monday, monday + timedelta(days=6), energy, boundaries))
    return points


def build_period(
    days: Sequence[ReflectionDay], level: Level, at: date, today: date, content: Content
) -> PeriodView:
    """The view of `level` around `at` (a future date counts as today)."""
    days = between(days, date.min, today)
    dates = sorted({d.local_date for d in days})
    at = min(at, today)
    if dates:  # before the first reflection day there is nothing: show the first period
        at = max(at, dates[0])
    if level == "day":
        at = _day_anchor(at, dates)
    started = week_start(dates[0]) if dates else week_start(at)
    first, last = bounds(level, at, started)
    previous, following = _neighbours(level, at, first, dates, started, today)
    quotes = tuple(quotes_of(between(days, first, last)))
    return PeriodView(
        level=level,
        first=first,
        last=last,
        previous=previous,
        next=following,
        attention=attention_of(quotes),
        baseline=_baseline(level, days, first, at, started),
        points=tuple(_points(level, days, first, last)),
        lenses=lenses_of(quotes, signpost_tags(content)),
        quotes=quotes,
        days=tuple(d for d in dates if first <= d <= last),
    )
