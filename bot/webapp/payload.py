"""The Mini App's JSON: a period view with every text the page shows, from the bot's catalogs.

The page sets these strings as text (never as HTML), so the catalogs' few tags are removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from html import unescape
from typing import Any

from bot.core import formatting
from bot.core.formatting import shorten
from bot.core.texts import Catalog
from bot.verrekijker import Quote, Voice, week_number
from bot.webapp.periods import LEVELS, PeriodView, Point
from prompts import Content

_TAG = re.compile(r"<[^>]+>")
# The page's fixed strings: webapp.<key>; plus a few the verrekijker already says.
PAGE_KEYS = (
    "title", "zoom", "zoom_in", "zoom_out", "previous", "next", "compass",
    "compass_hint", "this_period", "before", "no_before", "scales", "scales_hint",
    "scales_hint_weeks", "no_scales", "more",
    "lenses", "words", "words_hint", "no_words", "quiet", "empty_title", "empty_body",
    "unauthorized", "failed", "busy", "older", "intentions", "intentions_hint", "outcome",
)  # fmt: skip
# Each quote's answers (id, starred), in the order the quotes came: what the ⭐ beside it marks.
QuoteStars = Mapping[Quote, tuple[tuple[int, bool], ...]]
LENS_QUOTE = 140  # a lens shows a glimpse; the whole answer is one tap away
# Far out, the newest words of each signpost travel, and the rest are one zoom in away: the
# page shows the newest 30 of any pick, and ten years since the start stay far under 200 kB.
QUOTES_PER_SIGNPOST = 30
QUOTE_CHARACTERS = 60_000  # and at most this much text in all, newest first
DAYS_LEVELS = ("day", "week", "weeks")  # the levels whose page lists the days as buttons
VERREKIJKER_KEYS = {"energy": "chart.energy", "boundaries": "chart.boundaries"}


def plain(text: str) -> str:
    """Catalog HTML as plain text."""
    return unescape(_TAG.sub("", text))


def page_texts(texts: Catalog, lang: str) -> dict[str, str]:
    """The fixed strings of the page in one language."""
    # As written: the page fills in the few placeholders ('more' has {n}) itself.
    found = {key: str(texts.entries[lang][f"webapp.{key}"]) for key in PAGE_KEYS}
    say = Voice(texts, lang)
    found |= {key: plain(say(entry)) for key, entry in VERREKIJKER_KEYS.items()}
    found |= {key: texts.text(lang, f"supervision.webapp.{key}") for key in ("star", "unstar")}
    return found


def shell(texts: Catalog, lang: str) -> dict[str, Any]:
    """What every answer carries: the language, the fixed strings and the zoom levels."""
    levels = [
        {"id": level, "label": texts.text(lang, f"webapp.levels.{level}")} for level in LEVELS
    ]
    return {"lang": lang, "texts": page_texts(texts, lang), "levels": levels}


def _title(say: Voice, view: PeriodView) -> str:
    texts, lang = say.texts, say.lang
    if view.level == "day":
        return texts.text(lang, "webapp.period.day", date=say.date(view.first, year=True))
    # The year on both ends only when they differ: '8 december 2025 – 8 maart 2026'.
    start = say.date(view.first, year=view.first.year != view.last.year)
    end = say.date(view.last, year=True)
    if view.level == "week":
        return texts.text(
            lang, "webapp.period.week", week=week_number(view.first), start=start, end=end
        )
    return texts.text(lang, "webapp.period.range", start=start, end=end)


def _point(say: Voice, point: Point) -> dict[str, Any]:
    daily = point.start == point.end
    label = (
        f"{say.weekday(point.start, short=True)} {point.start.day}"
        if daily
        else f"W{week_number(point.start)}"
    )
    spoken = say.date(point.start, year=not daily) if daily else label
    values = {scale: getattr(point, scale) for scale in ("energy", "boundaries")}

    def shown(value: float | None) -> str:  # a day's tap is a whole number, a week's a mean
        return str(int(value)) if daily and value is not None else say.number(value)

    described = say.texts.text(
        say.lang,
        "webapp.item.point",
        label=spoken,
        energy=shown(values["energy"]),
        boundaries=shown(values["boundaries"]),
    )
    return {
        "start": point.start.isoformat(),
        "end": point.end.isoformat(),
        "label": label,
        "described": described,
        **{k: None if v is None else round(v, 2) for k, v in values.items()},
    }


def _quote(say: Voice, quote: Quote, limit: int | None = None) -> dict[str, Any]:
    return {
        "date": quote.day.isoformat(),
        "label": say.date(quote.day, year=True),
        "signpost": quote.signpost,
        "question": quote.question,
        "text": quote.text if limit is None else shorten(quote.text, limit),
    }


def _starred_quotes(say: Voice, quotes: Sequence[Quote], stars: QuoteStars) -> list[dict[str, Any]]:
    """The quotes with the answer each is (to star it), or None where none can be starred."""
    taken: Counter[Quote] = Counter()
    shown = []
    for quote in quotes:
        answers = stars.get(quote, ())
        index = taken[quote]
        taken[quote] += 1
        answer, starred = answers[index] if index < len(answers) else (None, False)
        shown.append({**_quote(say, quote), "answer": answer, "starred": starred})
    return shown


def view_json(
    view: PeriodView,
    texts: Catalog,
    lang: str,
    content: Content,
    stars: QuoteStars | None = None,
) -> dict[str, Any]:
    """One period as the page draws it: compass, scales over time, lenses, words, days; each
    quote with its answer's id and ⭐ when `stars` gives them."""
    say = Voice(texts, lang)
    tags = {s.number: s.tags for s in content.signposts(lang)}
    signposts = [
        {
            "number": s.number,
            "label": say.short(s.number),
            "title": s.title,
            "answers": view.attention[s.number - 1],
            "before": round(view.baseline[s.number - 1], 2),
            "described": texts.text(
                lang,
                "webapp.item.signpost",
                number=s.number,
                label=s.title,
                answers=say.count("answers", view.attention[s.number - 1]),
            ),
        }
        for s in content.signposts(lang)
    ]
    lenses = [
        {
            "lens": lv.lens,
            "name": plain(say(f"lenses.{lv.lens}")),
            "count": lv.count,
            "signposts": [n for n, t in tags.items() if lv.lens in t],
            "quote": None if lv.quote is None else _quote(say, lv.quote, LENS_QUOTE),
        }
        for lv in view.lenses
    ]
    signpost_of = {q.day: q.signpost for q in view.quotes}
    sent = newest_quotes(view.quotes)
    return {
        "level": view.level,
        "first": view.first.isoformat(),
        "last": view.last.isoformat(),
        "previous": _iso(view.previous),
        "next": _iso(view.next),
        "title": _title(say, view),
        "answers": sum(view.attention),
        "has_before": any(view.baseline),
        "signposts": signposts,
        "points": [_point(say, p) for p in view.points],
        "lenses": lenses,
        "quotes": _starred_quotes(say, sent, stars or {}),
        "older": len(view.quotes) - len(sent),  # words of this period not sent: zoom in
        "days": [
            {
                "date": d.isoformat(),
                "described": texts.text(
                    lang,
                    "webapp.item.day",
                    date=formatting.day_words(lang, d, weekday=True),
                    signpost=say.short(signpost_of[d]) if d in signpost_of else say("dash"),
                ),
            }
            for d in (view.days if view.level in DAYS_LEVELS else ())
        ],
    }


def newest_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes a view sends, oldest first: per signpost the newest QUOTES_PER_SIGNPOST,
    until QUOTE_CHARACTERS of text; older words stay one zoom level in."""
    kept: list[Quote] = []
    per_signpost: Counter[int] = Counter()
    characters = 0
    for quote in reversed(quotes):
        if per_signpost[quote.signpost] >= QUOTES_PER_SIGNPOST:
            continue
        characters += len(quote.text)
        if characters > QUOTE_CHARACTERS:
            break
        per_signpost[quote.signpost] += 1
        kept.append(quote)
    kept.reverse()
    return kept


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
