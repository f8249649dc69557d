"""The week as a picture: a compass rose of the ten signposts and the two scales per day (PNG)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from io import BytesIO

# The object-oriented Agg canvas, never pyplot: no global figure state, so threads can render.
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from bot.core.texts import Catalog
from bot.verrekijker.models import WeekView
from bot.verrekijker.text import Voice
from bot.verrekijker.weeks import week_number
from prompts import SIGNPOST_COUNT

WIDTH, HEIGHT, DPI = 1080, 1350, 100  # portrait, the shape a phone shows largest
# Points at DPI 100: 20 pt is 28 px, the smallest text on the picture.
SMALL, MEDIUM, LARGE = 20, 24, 32
INK, MUTED, PAPER, GRID = "#2b2d42", "#6c757d", "#fbfaf6", "#dcdcd6"
WEEK_COLOUR, WEEK_TEXT, BEFORE_COLOUR = "#6aa89a", "#2f6f62", "#5c677d"
ENERGY_COLOUR, BOUNDARIES_COLOUR = "#e0a458", "#4f7cac"
PETAL_WIDTH = 2 * math.pi / SIGNPOST_COUNT * 0.82
LEGEND = {"frameon": False, "fontsize": SMALL, "labelcolor": INK, "ncol": 2}


def _rose(ax: PolarAxes, week: WeekView, baseline: Sequence[float], say: Voice) -> None:
    """Answers per signpost this week as petals, the average of the weeks before as outlines."""
    step = 2 * math.pi / SIGNPOST_COUNT
    angles = [i * step for i in range(SIGNPOST_COUNT)]
    top = max(1.0, *week.attention, *baseline)
    ax.set_theta_zero_location("N")
    ax.set_theta_direction(-1)  # clockwise, like a compass
    ax.set_facecolor(PAPER)
    this_week = say("chart.this_week")
    ax.bar(
        angles,
        week.attention,
        color=WEEK_COLOUR,
        alpha=0.9,
        zorder=2,
        label=this_week,
        width=PETAL_WIDTH,
    )
    # The weeks before as a dashed outline on top, so a full petal never hides it.
    ax.bar(
        angles,
        baseline,
        fill=False,
        edgecolor=BEFORE_COLOUR,
        linewidth=2.5,
        linestyle=(0, (4, 3)),
        zorder=3,
        label=say("chart.before"),
        width=PETAL_WIDTH,
    )
    ax.set_ylim(0, top * 1.12)
    ax.set_yticks(list(range(1, math.floor(top) + 1, math.ceil(top / 4))))  # a few rings
    ax.set_yticklabels([])  # the counts sit on the petals instead
    ax.set_xticks([a + step / 2 for a in angles])  # grid lines between signposts: sectors
    ax.set_xticklabels([])
    ax.grid(color=GRID, linewidth=1.2)
    ax.spines["polar"].set_color(GRID)
    outer = top * 1.12
    for n, angle, answers in zip(range(1, SIGNPOST_COUNT + 1), angles, week.attention, strict=True):
        # Labels hang outside the circle, aligned away from it so long names never cross it.
        side = math.sin(angle)
        ha = "center" if abs(side) < 0.3 else "left" if side > 0 else "right"
        va = "bottom" if math.cos(angle) > 0.5 else "top" if math.cos(angle) < -0.5 else "center"
        label = f"{n}\n{say.short(n)}"
        ax.text(angle, outer * 1.08, label, ha=ha, va=va, fontsize=SMALL, color=INK, clip_on=False)
        if answers:
            # Long petals carry their count inside in white; short ones just outside.
            inside = answers >= top * 0.4
            r = answers - top * 0.1 if inside else answers + top * 0.1
            colour = "white" if inside else WEEK_TEXT
            ax.text(
                angle,
                r,
                str(answers),
                fontsize=SMALL,
                color=colour,
                weight="bold",
                zorder=5,
                ha="center",
                va="center",
            )
    if week.empty:
        box = {"boxstyle": "round,pad=0.4", "facecolor": PAPER, "edgecolor": "none"}
        ax.text(
            0,
            0,
            say("chart.quiet"),
            fontsize=MEDIUM,
            color=MUTED,
            zorder=4,
            bbox=box,
            ha="center",
            va="center",
        )


def _scales(fig: Figure, week: WeekView, say: Voice) -> None:
    """Energie and grenzen per day, Monday to Sunday, on the 1–5 scale."""
    ax = fig.add_axes((0.1, 0.1, 0.84, 0.14))
    ax.set_facecolor(PAPER)
    days = range(7)
    lines = (("energy", ENERGY_COLOUR, "o"), ("boundaries", BOUNDARIES_COLOUR, "s"))
    for scale, colour, marker in lines:
        # Only the days with a score: the line bridges a skipped day instead of breaking.
        points = [(i, v) for i, s in enumerate(week.scales) if (v := getattr(s, scale)) is not None]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        label = say(f"chart.{scale}")
        ax.plot(xs, ys, color=colour, linewidth=4, marker=marker, markersize=13, label=label)
    ax.set_xlim(-0.4, 6.4)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(list(days))
    ax.set_xticklabels(say.weekdays(), fontsize=SMALL, color=INK)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.tick_params(axis="y", labelsize=SMALL, labelcolor=MUTED, length=0)
    ax.tick_params(axis="x", length=0, pad=8)
    ax.grid(axis="y", color=GRID, linewidth=1.2)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.set_title(say("chart.scales"), fontsize=MEDIUM, color=INK, loc="left", pad=16)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), **LEGEND)


def render_chart(week: WeekView, baseline: Sequence[float], lang: str, texts: Catalog) -> bytes:
    """The week's picture as PNG bytes (WIDTH × HEIGHT), deterministic for the same input."""
    if len(baseline) != SIGNPOST_COUNT:
        raise ValueError(f"baseline needs {SIGNPOST_COUNT} values, got {len(baseline)}")
    say = Voice(texts, lang)
    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=PAPER)
    FigureCanvasAgg(fig)
    title = say("chart.title", week=week_number(week.start))
    fig.text(0.06, 0.955, title, fontsize=LARGE, color=INK, weight="bold", va="center")
    start, end = say.date(week.start), say.date(week.end)
    dates = say("chart.dates", start=start, end=end)
    fig.text(0.06, 0.915, dates, fontsize=MEDIUM, color=MUTED, va="center")
    rose = fig.add_axes((0.21, 0.43, 0.58, 0.4), projection="polar")
    assert isinstance(rose, PolarAxes)
    _rose(rose, week, baseline, say)
    handles = rose.get_legend_handles_labels()[0]
    fig.legend(
        handles=handles, loc="center", bbox_to_anchor=(0.5, 0.315), handlelength=1.6, **LEGEND
    )
    _scales(fig, week, say)
    buffer = BytesIO()
    # No Software or date metadata: the same week gives the same bytes.
    fig.savefig(buffer, format="png", dpi=DPI, facecolor=PAPER, metadata={"Software": None})
    return buffer.getvalue()


def warm_up() -> None:
    """Draw a small text once: loads the font and the PNG writer before the first chart."""
    fig = Figure(figsize=(1, 1), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, "Sherpa", fontsize=SMALL, weight="bold")
    fig.savefig(BytesIO(), format="png")
