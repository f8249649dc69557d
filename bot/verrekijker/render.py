"""The week in Telegram HTML: zoom in, three lenses, boundaries, and the whole summary."""

from __future__ import annotations

from html import escape

from bot.care.views import ladder
from bot.core.formatting import shorten
from bot.core.texts import Catalog
from bot.verrekijker.models import Overview, Quote, WeekView
from bot.verrekijker.summary import low_scales_of, needs_support
from bot.verrekijker.text import Section, Voice
from bot.verrekijker.weeks import week_number
from bot.verrekijker.zoom_out import render_next, render_overview
from prompts import Content

QUOTE_LIMIT = 200  # a quote in the week view
LENS_LIMIT = 100  # the one quote per lens is a glimpse, not the whole answer
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption


def _quote(say: Voice, quote: Quote) -> str:
    """One answer as a line: the user's words, escaped, and the short weekday."""
    text = escape(shorten(quote.text, QUOTE_LIMIT))
    return say("week.quote", text=text, day=say.weekday(quote.day, short=True))


def _scale_line(say: Voice, view: WeekView, scale: str) -> str | None:
    """'⚡ Energie: ma 3 · di 4'; None when the scale was never tapped this week."""
    values = [
        say("week.score", day=say.weekday(s.day, short=True), score=score)
        for s in view.scales
        if (score := getattr(s, scale)) is not None
    ]
    return say(f"week.{scale}", values=" · ".join(values)) if values else None


def _header(say: Voice, view: WeekView) -> Section:
    """Title, dates, the days reflected and both scales per day; a kind word when empty."""
    title = say("week.title", week=week_number(view.start))
    dates = say("week.dates", start=say.date(view.start), end=say.date(view.end))
    if view.empty:
        return Section(title, f"{dates}\n{say('week.empty')}")
    days = say.count("days", len(view.days))
    weekdays = say.joined([say.weekday(d) for d in view.days])
    lines = [dates, say("week.reflected", days=days, weekdays=weekdays)]
    lines += filter(None, (_scale_line(say, view, s) for s in ("energy", "boundaries")))
    return Section(title, "\n".join(lines))


def _lenses(say: Voice, view: WeekView) -> Section:
    """The client, my share, our path: a count and one short quote each."""
    lines = []
    for lens in view.lenses:
        name = say(f"lenses.{lens.lens}")
        if not lens.quote:
            lines.append(say("lenses.none", lens=name))
            continue
        lines.append(say("lenses.line", lens=name, answers=say.count("answers", lens.count)))
        lines.append(say("lenses.quote", text=escape(shorten(lens.quote.text, LENS_LIMIT))))
    return Section(say("lenses.title"), "\n".join(lines))


def _own_support(view: WeekView) -> bool:
    """Support gets its own heading after heavy words or with low energie in the week."""
    return view.heavy or (needs_support(view) and "energy" in low_scales_of(view))


def _support(say: Voice, view: WeekView, timezone: str | None) -> Section:
    """Support under its own heading: after heavy words it opens with care for that; else
    worded for low energie (and grenzen, if both were low)."""
    if view.heavy:
        text = say("support.heavy")
    else:
        key = "both" if low_scales_of(view) == {"energy", "boundaries"} else "energy"
        text = say(f"support.{key}", days=say.count("days", len(view.low_days)))
    return Section(say("support.title"), text + "\n\n" + ladder(say.texts, say.lang, timezone))


def _boundaries(say: Voice, view: WeekView, timezone: str | None) -> Section:
    """The grenzen scale, what was written on the boundaries signpost, and care when needed."""
    scored = [(s.boundaries, s.day) for s in view.scales if s.boundaries is not None]
    lines = []
    if not scored:
        lines.append(say("boundaries.none"))
    else:
        average = say.number(sum(score for score, _ in scored) / len(scored))
        low, day = min(scored)
        if all(score == low for score, _ in scored):
            lines.append(say("boundaries.steady", average=average))
        else:
            weekday = say.weekday(day)
            lines.append(say("boundaries.average", average=average, weekday=weekday, score=low))
    if view.boundary_quotes:
        answers = say.count("answers", len(view.boundary_quotes))
        lines.append(say("boundaries.written", answers=answers))
        lines += (_quote(say, q) for q in view.boundary_quotes)
    if needs_support(view) and not _own_support(view):
        lines.append(say("boundaries.care", days=say.count("days", len(view.low_days))))
        lines.append("\n" + ladder(say.texts, say.lang, timezone))
    elif view.boundary_quotes and not needs_support(view) and not view.lowest:
        lines.append(say("boundaries.calm"))  # never a word of praise after a 1
    return Section(say("boundaries.title"), "\n".join(lines))


def render_week(
    view: WeekView, lang: str, texts: Catalog, content: Content, timezone: str | None = None
) -> list[Section]:
    """Zoom in: the header, the answers per signpost, the three lenses, the boundaries and,
    after a low week, support (the helplines of the timezone's country; both without one)."""
    say = Voice(texts, lang)
    sections = [_header(say, view)]
    if view.empty:
        return sections
    own = {q.signpost for q in view.boundary_quotes}  # those are quoted under the boundaries
    for group in view.groups:
        if group.signpost in own:
            continue
        title = escape(content.signpost(lang, group.signpost).title)
        heading = say("week.signpost", number=group.signpost, title=title)
        sections.append(Section(heading, "\n".join(_quote(say, q) for q in group.quotes)))
    if view.answers:
        sections.append(_lenses(say, view))
    sections.append(_boundaries(say, view, timezone))
    if view.heavy:  # care first, before the week's words
        sections.insert(1, _support(say, view, timezone))
    elif _own_support(view):
        sections.append(_support(say, view, timezone))
    return sections


def render_summary(
    view: WeekView,
    overview: Overview,
    lang: str,
    texts: Catalog,
    content: Content,
    timezone: str | None = None,
) -> list[Section]:
    """The weekly message: zoom in, zoom out and next week's question; short when empty."""
    sections = render_week(view, lang, texts, content, timezone)
    if not view.empty:
        sections += render_overview(overview, lang, texts)
    sections.append(render_next(overview, lang, texts, content))
    return sections


def caption(view: WeekView, lang: str, texts: Catalog) -> str:
    """Plain short text under the chart (no HTML), within Telegram's caption limit."""
    say = Voice(texts, lang)
    week = week_number(view.start)
    if view.empty:
        return shorten(say("caption.empty", week=week), CAPTION_LIMIT)
    answers, days = say.count("answers", view.answers), say.count("days", len(view.days))
    return shorten(say("caption.week", week=week, answers=answers, days=days), CAPTION_LIMIT)
