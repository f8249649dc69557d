"""The zoom-out in Telegram HTML: weeks, the compass, trends, words, and next week's question."""

from __future__ import annotations

from html import escape

from bot.core.texts import Catalog
from bot.verrekijker.models import Overview, SignpostAttention, Trend
from bot.verrekijker.text import Section, Voice
from bot.verrekijker.weeks import week_number
from prompts import Content

WEEK_LINES = 8  # a year of weekly lines is too long for a phone; older weeks are summed up
MOST = 3


def _weeks(say: Voice, overview: Overview) -> Section:
    """The period's title and one line per recent week."""
    weeks = say.count("weeks", len(overview.weeks))
    if overview.since_start:
        start = say.date(overview.start, year=True)
        title = say("overview.since_start", start=start, weeks=weeks)
    else:
        title = say("overview.recent", weeks=weeks)
    older, recent = overview.weeks[:-WEEK_LINES], overview.weeks[-WEEK_LINES:]
    lines = []
    if older:
        answers = say.count("answers", sum(w.answers for w in older))
        lines.append(say("overview.earlier", weeks=say.count("weeks", len(older)), answers=answers))
    lines += (
        say(
            "overview.week",
            week=week_number(w.start),
            answers=say.count("answers", w.answers),
            energy=say.number(w.energy),
            boundaries=say.number(w.boundaries),
        )
        for w in recent
    )
    return Section(title, "\n".join(lines))


def _compass(say: Voice, overview: Overview) -> Section:
    """Which signposts got attention in the period, and which not for a while or not yet."""

    def item(key: str, s: SignpostAttention, **values: object) -> str:
        return say(key, number=s.signpost, label=say.short(s.signpost), **values)

    lines = []
    if most := overview.most[:MOST]:
        items = ", ".join(item("overview.most_item", s, n=s.answers) for s in most)
        lines.append(say("overview.most", items=items))
    if quiet := overview.quiet:
        ago = [
            item("overview.quiet_item", s, weeks=say.count("weeks", s.weeks_ago or 0))
            for s in quiet
        ]
        lines.append(say("overview.quiet", items=", ".join(ago)))
    if unseen := overview.unseen:
        items = ", ".join(item("overview.unseen_item", s) for s in unseen)
        lines.append(say("overview.unseen", items=items))
    if not quiet and not unseen:
        lines.append(say("overview.all_seen"))
    return Section(say("overview.compass"), "\n".join(lines))


def _trend(say: Voice, trend: Trend, scale: str) -> str:
    """One scale's line: this week against the weeks before, and which way it goes."""
    name = say(f"overview.{scale}")
    if trend.direction == "unknown":
        return say("overview.trend_unknown", scale=name)
    return say(
        "overview.trend",
        scale=name,
        current=say.number(trend.current),
        before=say.number(trend.before),
        direction=say(f"overview.{trend.direction}"),
    )


def render_overview(overview: Overview, lang: str, texts: Catalog) -> list[Section]:
    """Zoom out: weeks, the compass, the trend of both scales (once comparable) and words."""
    say = Voice(texts, lang)
    header = _weeks(say, overview)
    scored = any(w.energy is not None or w.boundaries is not None for w in overview.weeks)
    if not overview.answers and not scored:
        return [Section(header.title, say("overview.empty"))]
    sections = [header, _compass(say, overview)]
    if {overview.energy.direction, overview.boundaries.direction} != {"unknown"}:
        trends = (
            _trend(say, overview.energy, "energy"),
            _trend(say, overview.boundaries, "boundaries"),
        )
        sections.append(Section(say("overview.trends"), "\n".join(trends)))
    if overview.words:
        words = [say("overview.word", word=escape(w), n=n) for w, n in overview.words]
        sections.append(Section(say("overview.words"), ", ".join(words)))
    return sections


def render_next(overview: Overview, lang: str, texts: Catalog, content: Content) -> Section:
    """One question for next week, from the signpost that got the least attention."""
    say = Voice(texts, lang)
    signpost = content.signpost(lang, overview.suggestion.signpost)
    question = signpost.questions[overview.suggestion.question]
    body = say(
        "next.body", number=signpost.number, title=escape(signpost.title), question=escape(question)
    )
    return Section(say("next.title"), body)
