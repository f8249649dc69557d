"""De verrekijker: the weekly look back and ahead, as pure functions from data to text and PNG.

Build the views with `build_week` and `build_overview`, render them with `render_summary`
(or `render_week` / `render_overview` / `render_next`), cut them into messages with
`split_messages`, and draw the picture with `render_chart` (matplotlib is imported only there).
"""

from bot.core.formatting import shorten
from bot.verrekijker.overview import DEFAULT_WEEKS, build_overview, direction, least_attended
from bot.verrekijker.render import caption, render_summary, render_week
from bot.verrekijker.split import split_messages
from bot.verrekijker.summary import LOW_DAYS, LOW_SCORE, build_week, needs_support
from bot.verrekijker.text import Section
from bot.verrekijker.views import Overview, WeekView
from bot.verrekijker.weeks import iso_label, week_number, week_range, week_start
from bot.verrekijker.words import recurring_words
from bot.verrekijker.zoom_out import render_next, render_overview

__all__ = [
    "DEFAULT_WEEKS",
    "LOW_DAYS",
    "LOW_SCORE",
    "Overview",
    "Section",
    "WeekView",
    "build_overview",
    "build_week",
    "caption",
    "direction",
    "iso_label",
    "least_attended",
    "needs_support",
    "recurring_words",
    "render_next",
    "render_overview",
    "render_summary",
    "render_week",
    "shorten",
    "split_messages",
    "week_number",
    "week_range",
    "week_start",
]
