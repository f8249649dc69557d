"""Zoom in: from a user's reflection days to the view of one week (pure, no Telegram)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta

from bot.care import read_distress
from bot.core.formatting import tidy
from bot.verrekijker.models import (
    DayScales,
    LensView,
    Quote,
    SignpostQuotes,
    WeekView,
)
from bot.verrekijker.weeks import week_start as monday_of
from prompts import LENSES, SIGNPOST_COUNT, Content
from storage import ReflectionDay

LOW_SCORE = 2  # a scale at or below this is a low day
LOW_DAYS = 3  # this many low days in a week bring the gentle line about support, as does ...
LOW_SHARE = 0.5  # ... this share of the scored days (a part-timer with two days, both low)
SIGNPOSTS = range(1, SIGNPOST_COUNT + 1)


def signpost_tags(content: Content) -> dict[int, frozenset[str]]:
    """Tags per signpost number; the content loader keeps them equal across languages."""
    return {s.number: frozenset(s.tags) for s in content.signposts(content.languages[0])}


def quotes_of(days: Iterable[ReflectionDay]) -> Iterator[Quote]:
    """Every non-empty answer of the given days, in date order, then as written; never words
    of not wanting to live or of self-harm: those are not quoted back as a highlight.

    Only the answers of a check-in marked for heavy words are read again: the distress reader
    read every answer as it came in and marked its check-in, so the rest need no reading (a
    year of answers read here took 0.4 s on the event loop)."""
    for day in sorted(days, key=lambda d: d.local_date):
        heavy = _heavy(day)
        for asked in day.questions:
            for answer in asked.answers:
                if (text := tidy(answer)) and not (heavy and read_distress(text).crisis):
                    yield Quote(day.local_date, day.signpost, asked.question, text)


def _heavy(day: ReflectionDay) -> bool:
    """The writer's own heavy words came in this day's check-in (the mark the reader left)."""
    return day.care_mark in ("self", "paused")


def heavy_words(days: Iterable[ReflectionDay]) -> bool:
    """A check-in of these days is marked for the writer's own heavy words."""
    return any(_heavy(d) for d in days)


def between(days: Iterable[ReflectionDay], first: date, last: date) -> list[ReflectionDay]:
    """The days from `first` through `last`, oldest first."""
    return sorted((d for d in days if first <= d.local_date <= last), key=lambda d: d.local_date)


def day_scales(days: Sequence[ReflectionDay], monday: date) -> tuple[DayScales, ...]:
    """Seven days of scales; when a date appears twice, its latest value wins."""
    by_day: dict[date, tuple[int | None, int | None]] = {}
    for d in days:
        energy, boundaries = by_day.get(d.local_date, (None, None))
        by_day[d.local_date] = (
            d.energy if d.energy is not None else energy,
            d.boundaries if d.boundaries is not None else boundaries,
        )
    dates = (monday + timedelta(days=i) for i in range(7))
    return tuple(DayScales(day, *by_day.get(day, (None, None))) for day in dates)


def low_days(scales: Iterable[DayScales], low: int = LOW_SCORE) -> tuple[date, ...]:
    """Days where energie or grenzen was at or below `low` (a day counts once)."""
    return tuple(
        s.day for s in scales if any(v is not None and v <= low for v in (s.energy, s.boundaries))
    )


def low_scales_of(view: WeekView, low: int = LOW_SCORE) -> frozenset[str]:
    """Which scales ('energy', 'boundaries') were at or below `low` on some day of the week."""
    return frozenset(
        scale
        for s in view.scales
        for scale in ("energy", "boundaries")
        if (score := getattr(s, scale)) is not None and score <= low
    )


def needs_support(view: WeekView, threshold: int = LOW_DAYS) -> bool:
    """True after heavy words, or when `threshold` low days or LOW_SHARE of the scored days
    were low: time for care and the ladder."""
    low = len(view.low_days)
    return view.heavy or low >= threshold or (low > 0 and low >= LOW_SHARE * view.scored_days)


def lenses_of(quotes: Sequence[Quote], tags: Mapping[int, frozenset[str]]) -> tuple[LensView, ...]:
    """Count per lens, and the latest quote not already shown by an earlier lens."""
    shown: set[Quote] = set()
    views = []
    for lens in LENSES:
        mine = [q for q in quotes if lens in tags.get(q.signpost, ())]
        fresh = [q for q in mine if q not in shown] or mine
        pick = fresh[-1] if fresh else None
        if pick:
            shown.add(pick)
        views.append(LensView(lens, len(mine), pick))
    return tuple(views)


def attention_of(quotes: Iterable[Quote]) -> tuple[int, ...]:
    """Answers per signpost, signpost 1 first."""
    counts = dict.fromkeys(SIGNPOSTS, 0)
    for q in quotes:
        if q.signpost in counts:
            counts[q.signpost] += 1
    return tuple(counts.values())


def build_week(days: Sequence[ReflectionDay], week_start: date, content: Content) -> WeekView:
    """Zoom in on the week holding `week_start`; `days` may be the whole history."""
    monday = monday_of(week_start)
    sunday = monday + timedelta(days=6)
    mine = between(days, monday, sunday)
    quotes = list(quotes_of(mine))
    tags = signpost_tags(content)
    order = list(dict.fromkeys(q.signpost for q in quotes))
    groups = tuple(SignpostQuotes(n, tuple(q for q in quotes if q.signpost == n)) for n in order)
    scales = day_scales(mine, monday)
    has_scale = {s.day for s in scales if s.energy is not None or s.boundaries is not None}
    reflected = sorted({q.day for q in quotes} | has_scale)
    return WeekView(
        start=monday,
        end=sunday,
        days=tuple(reflected),
        groups=groups,
        scales=scales,
        attention=attention_of(quotes),
        lenses=lenses_of(quotes, tags),
        boundary_quotes=tuple(q for q in quotes if "boundaries" in tags.get(q.signpost, ())),
        low_days=low_days(scales),
        scored_days=len(has_scale),
        lowest=bool(low_days(scales, low=1)),
        heavy=heavy_words(mine),
    )
