"""Zoom out: weekly averages, trends, signpost attention, recurring words, next week's question."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from statistics import fmean

from bot.verrekijker.models import (
    Direction,
    Overview,
    SignpostAttention,
    Suggestion,
    Trend,
    WeekStat,
)
from bot.verrekijker.summary import SIGNPOSTS, attention_of, between, day_scales, quotes_of
from bot.verrekijker.weeks import WEEK, week_number, week_starts
from bot.verrekijker.weeks import week_start as monday_of
from bot.verrekijker.words import recurring_words
from prompts import Content
from storage import ReflectionDay

TREND_STEP = 0.5  # a smaller change in a weekly average reads as steady
DEFAULT_WEEKS = 4


def _mean(values: Iterable[float | int | None]) -> float | None:
    """The mean of the values that are there; None when none are."""
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def direction(current: float | None, before: float | None, step: float = TREND_STEP) -> Direction:
    """Up or down when the change reaches `step`, steady below it, unknown without data."""
    if current is None or before is None:
        return "unknown"
    change = round(current - before, 6)  # 3.9 - 3.4 must count as a full step
    return "up" if change >= step else "down" if change <= -step else "steady"


def _trend(weekly: Sequence[float | None]) -> Trend:
    """The last week's average against the mean of the earlier weekly averages."""
    current, before = weekly[-1], _mean(weekly[:-1])
    return Trend(current, before, direction(current, before))


def least_attended(signposts: Sequence[SignpostAttention]) -> int:
    """Fewest answers in the period; ties go to the one unseen longest, then the lowest number."""
    pick = min(signposts, key=lambda s: (s.answers, s.last_seen or date.min, s.signpost))
    return pick.signpost


def suggest(signposts: Sequence[SignpostAttention], monday: date, content: Content) -> Suggestion:
    """Next week's signpost and one of its questions, chosen by the ISO week number."""
    number = least_attended(signposts)
    questions = content.signpost(content.languages[0], number).questions
    return Suggestion(number, week_number(monday) % len(questions))


def build_overview(
    days: Sequence[ReflectionDay],
    week_start: date,
    content: Content,
    weeks: int | None = DEFAULT_WEEKS,
) -> Overview:
    """Zoom out over the last `weeks` weeks up to `week_start` (None: since the first day).

    The period never reaches back before the week of the first day: weeks before someone
    started would only dilute the averages. `since_start` tells when the period is all history.
    """
    if weeks is not None and weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    monday = monday_of(week_start)
    history = between(days, date.min, monday + timedelta(days=6))
    started = monday_of(history[0].local_date) if history else monday
    first = started if weeks is None else max(started, monday - (weeks - 1) * WEEK)
    stats, per_signpost = [], []
    for start in week_starts(first, monday):
        stat, attention = _week(history, start)
        stats.append(stat)
        per_signpost.append(attention)
    signposts = _signpost_attention(history, per_signpost, monday)
    period = between(history, first, monday + timedelta(days=6))
    return Overview(
        start=first,
        week=monday,
        since_start=first == started,
        weeks=tuple(stats),
        signposts=signposts,
        energy=_trend([w.energy for w in stats]),
        boundaries=_trend([w.boundaries for w in stats]),
        words=recurring_words(q.text for q in quotes_of(period)),
        baseline=_baseline(per_signpost),
        suggestion=suggest(signposts, monday, content),
    )


def _week(history: Sequence[ReflectionDay], start: date) -> tuple[WeekStat, tuple[int, ...]]:
    """One week's figures (answers, mean energy and boundaries) and its answers per signpost."""
    week = between(history, start, start + timedelta(days=6))
    scales = day_scales(week, start)
    quotes = list(quotes_of(week))
    stat = WeekStat(
        start,
        len(quotes),
        _mean(s.energy for s in scales),
        _mean(s.boundaries for s in scales),
    )
    return stat, attention_of(quotes)


def _signpost_attention(
    history: Sequence[ReflectionDay], per_signpost: Sequence[tuple[int, ...]], monday: date
) -> tuple[SignpostAttention, ...]:
    """Per signpost: its answers over the period, the last day it was answered (in all the
    history) and how many weeks before `monday` that was."""
    last_seen = {q.signpost: q.day for q in quotes_of(history)}  # date order: the latest wins
    return tuple(
        SignpostAttention(
            n,
            sum(counts[n - 1] for counts in per_signpost),
            seen := last_seen.get(n),
            None if seen is None else (monday - monday_of(seen)).days // 7,
        )
        for n in SIGNPOSTS
    )


def _baseline(per_signpost: Sequence[tuple[int, ...]]) -> tuple[float, ...]:
    """Per signpost, the mean weekly answers before the last week (0.0 with no earlier week)."""
    earlier = per_signpost[:-1]
    return tuple(fmean(c[n - 1] for c in earlier) if earlier else 0.0 for n in SIGNPOSTS)
