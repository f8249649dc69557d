"""Energie and grenzen over the period as a small, quiet PNG for the supervision PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from io import BytesIO

from babel.dates import format_date

# The object-oriented Agg canvas, never pyplot: no global figure state, so threads can render.
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.core import formatting
from bot.supervision.document import DayScales

# The same two colours as the verrekijker's picture, so she knows the lines; the rest is grey.
INK, MUTED, GRID = "#2b2d42", "#6c757d", "#dcdcd6"
ENERGY_COLOUR, BOUNDARIES_COLOUR = "#e0a458", "#4f7cac"
WIDTH_MM, HEIGHT_MM, DPI = 166, 52, 150
MAX_TICKS = 8
MARKERS_UP_TO = 31  # points; over a longer period dots would only be noise
WEEKLY_FROM = 63  # days: from nine weeks on, a line per week (its average) reads calmer


def weekly(start: date, end: date) -> bool:
    """True when the chart shows weekly averages instead of every day."""
    return (end - start).days + 1 >= WEEKLY_FROM


def _points(scales: Sequence[DayScales], scale: str, by_week: bool) -> list[tuple[float, float]]:
    """(day, score) for the days with a score, oldest first; by week: (midweek, average)."""
    days = sorted((s.day, v) for s in scales if (v := getattr(s, scale)) is not None)
    if not by_week:
        return [(day.toordinal(), value) for day, value in days]
    weeks: dict[date, list[int]] = {}
    for day, value in days:
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(value)
    # Thursday is the middle of a Monday-to-Sunday week.
    return [((m + timedelta(days=3)).toordinal(), sum(v) / len(v)) for m, v in weeks.items()]


def _months(start: date, end: date) -> list[date]:
    """The first day of every month that starts within [start, end]."""
    first = date(start.year, start.month, 1)
    if first < start:
        first = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    months = []
    while first <= end:
        months.append(first)
        first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return months


def _ticks(start: date, end: date, lang: str) -> tuple[list[date], list[str]]:
    """A few dated ticks in her language: days, Mondays or months, by the period's length."""
    span = (end - start).days + 1
    where = formatting.locale(lang)
    if span <= 92:
        if span <= 14:
            days = [start + timedelta(days=i) for i in range(span)]
        else:
            monday = start + timedelta(days=-start.weekday() % 7)
            days = [monday + timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]
        days = days[:: math.ceil(len(days) / MAX_TICKS)] if days else []
        return days, [format_date(d, "d MMM", locale=where) for d in days]
    months = _months(start, end)
    months = months[:: math.ceil(len(months) / (MAX_TICKS + 4))] if months else []
    labels = [
        format_date(m, "MMM y" if i == 0 or m.month == 1 else "MMM", locale=where)
        for i, m in enumerate(months)
    ]
    return months, labels


def scales_png(
    scales: Sequence[DayScales], start: date, end: date, lang: str, names: tuple[str, str]
) -> bytes:
    """Both scales over [start, end] as PNG bytes, per day or (a long period) per week;
    `names` label energie and grenzen."""
    fig = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.05, 0.2, 0.93, 0.68))
    by_week = weekly(start, end)
    lines = (
        ("energy", ENERGY_COLOUR, "o", names[0]),
        ("boundaries", BOUNDARIES_COLOUR, "s", names[1]),
    )
    for scale, colour, marker, label in lines:
        # Only the days with a score: the line bridges a skipped day instead of breaking.
        points = _points(scales, scale, by_week)
        dots = marker if len(points) <= MARKERS_UP_TO else None
        ax.plot(
            [x for x, _ in points],
            [y for _, y in points],
            color=colour,
            linewidth=1.4,
            marker=dots,
            markersize=3.5,
            label=label,
        )
    ax.set_xlim(start.toordinal() - 0.5, end.toordinal() + 0.5)
    ax.set_ylim(0.5, 5.5)
    ticks, labels = _ticks(start, end, lang)
    ax.set_xticks([d.toordinal() for d in ticks])
    ax.set_xticklabels(labels, fontsize=7, color=MUTED)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.tick_params(axis="y", labelsize=7, labelcolor=MUTED, length=0)
    ax.tick_params(axis="x", length=0, pad=4)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        frameon=False,
        fontsize=7,
        labelcolor=INK,
        borderaxespad=0.2,
        handlelength=1.6,
    )
    buffer = BytesIO()
    # No Software or date metadata: the same period gives the same bytes.
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
