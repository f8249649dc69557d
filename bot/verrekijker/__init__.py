"""De verrekijker: the weekly look back and ahead, as pure functions from data to text and PNG.

Build the views with `build_week` and `build_overview`, render them with `render_summary`
(or `render_week` / `render_overview` / `render_next`), cut them into messages with
`split_messages`, and draw the picture with `render_chart` (matplotlib is imported only there).

What is re-exported here is the verrekijker's pure face for other features: the Mini App
(bot/webapp/) builds its zoom levels from the same readers (summary, weeks, models).
"""

from bot.core.formatting import shorten
from bot.verrekijker.models import LensView, Overview, Quote, WeekView
from bot.verrekijker.overview import DEFAULT_WEEKS, build_overview, direction, least_attended
from bot.verrekijker.render import caption, render_summary, render_week
from bot.verrekijker.split import split_messages
from bot.verrekijker.summary import (
    LOW_DAYS,
    LOW_SCORE,
    SIGNPOSTS,
    attention_of,
    between,
    build_week,
    day_scales,
    lenses_of,
    needs_support,
    quotes_of,
    signpost_tags,
)
from bot.verrekijker.text import Section, Voice
from bot.verrekijker.weeks import WEEK, iso_label, week_number, week_range, week_start, week_starts
from bot.verrekijker.words import recurring_words
from bot.verrekijker.zoom_out import render_next, render_overview

__all__ = [
    "DEFAULT_WEEKS",
    "LOW_DAYS",
    "LOW_SCORE",
    "SIGNPOSTS",
    "WEEK",
    "LensView",
    "Overview",
    "Quote",
    "Section",
    "Voice",
    "WeekView",
    "attention_of",
    "between",
    "build_overview",
    "build_week",
    "caption",
    "day_scales",
    "direction",
    "iso_label",
    "least_attended",
    "lenses_of",
    "needs_support",
    "quotes_of",
    "recurring_words",
    "render_next",
    "render_overview",
    "render_summary",
    "render_week",
    "shorten",
    "signpost_tags",
    "split_messages",
    "week_number",
    "week_range",
    "week_start",
    "week_starts",
]
