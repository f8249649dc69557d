"""The words and buttons of /supervisie and /ster, in her language."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import formatting
from bot.core.replies import Screen
from bot.core.texts import Catalog
from bot.supervision.callbacks import PERIOD, SupervisionChoice
from bot.supervision.document import SupervisionDocument
from bot.supervision.service import SPANS, Star

PREVIEW = 60  # characters of a starred answer /ster says back


def _dates(lang: str, start: date, end: date) -> dict[str, str]:
    """'9 november' – '6 december 2026': the year once when both ends share it."""
    return {
        "start": formatting.day_words(lang, start, year=start.year != end.year),
        "end": formatting.day_words(lang, end, year=True),
    }


def _button(label: str, choice: SupervisionChoice) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=PERIOD.encode(choice))


def period_screen(texts: Catalog, lang: str) -> Screen:
    """Which period: the last 4 weeks (first, the default), 8 weeks, 3 months."""
    rows = [
        [_button(texts.text(lang, f"supervision.span.{span}"), SupervisionChoice(span))]
        for span in SPANS
    ]
    return Screen(texts.text(lang, "supervision.ask_period"), InlineKeyboardMarkup(rows))


def scope_screen(
    texts: Catalog, lang: str, span: str, start: date, end: date, *, stars: bool
) -> Screen:
    """All answers or only the starred ones; without stars in the period, say so and offer all."""
    every = [_button(texts.text(lang, "supervision.all_button"), SupervisionChoice(span, "all"))]
    if not stars:
        text = texts.text(lang, "supervision.no_stars", **_dates(lang, start, end))
        return Screen(text, InlineKeyboardMarkup([every]))
    starred = _button(
        texts.text(lang, "supervision.starred_button"), SupervisionChoice(span, "starred")
    )
    text = texts.text(lang, "supervision.ask_scope", **_dates(lang, start, end))
    return Screen(text, InlineKeyboardMarkup([every, [starred]]))


def making(texts: Catalog, lang: str) -> Screen:
    """The short line while the PDF is made (the buttons go)."""
    return Screen(texts.text(lang, "supervision.making"))


def empty(texts: Catalog, lang: str, doc: SupervisionDocument) -> str:
    """Nothing of hers in the period: no PDF, a kind line."""
    return texts.text(lang, "supervision.empty", **_dates(lang, doc.start, doc.end))


def caption(texts: Catalog, lang: str, doc: SupervisionDocument) -> str:
    """Her own words; what was masked stays masked; she chooses what she shares (plain text)."""
    key = "supervision.caption_starred" if doc.starred_only else "supervision.caption"
    return texts.text(lang, key, **_dates(lang, doc.start, doc.end))


def star_reply(texts: Catalog, lang: str, star: Star) -> str:
    """What /ster did, with the start of the answer it marked (never words of a heavy day)."""
    if star.outcome == "heavy":
        return texts.text(lang, "supervision.star.heavy")
    if star.target is None or star.outcome == "none":
        return texts.text(lang, "supervision.star.none")
    words = " ".join(star.target.text.split())
    preview = words if len(words) <= PREVIEW else words[: PREVIEW - 1].rstrip() + "…"
    key = "supervision.star.done" if star.outcome == "starred" else "supervision.star.undone"
    day = formatting.day_words(lang, star.target.local_date, weekday=True)
    return texts.text(lang, key, preview=escape(preview), date=day)
