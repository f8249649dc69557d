"""Locale formatting through Babel (CLDR data): plural forms, decimals, lists, day and month names.

The catalogs hold every sentence; this module fills in what CLDR already knows per locale, so
no catalog keeps its own weekday arrays, decimal comma or list joiner. Dutch is Flemish
(`nl_BE`); English is British (`en_GB`: "Monday 30 November", "a, b and c").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache

from babel import Locale
from babel.dates import format_date, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal

LOCALE_NAMES = {"nl": "nl_BE", "en": "en_GB"}
ELLIPSIS = "…"

# Explicit patterns, the same in both languages (day before month, full names, no commas):
# CLDR's skeletons differ here between nl_BE and en_GB (an abbreviated "ma", a comma after
# "Monday"), and these read right to a Flemish and a British reader alike.
_PATTERNS = {
    (False, False): "d MMMM",
    (False, True): "d MMMM y",
    (True, False): "EEEE d MMMM",
    (True, True): "EEEE d MMMM y",
}


@cache
def locale(lang: str) -> Locale:
    """The Babel locale behind one of our language codes."""
    return Locale.parse(LOCALE_NAMES[lang])


def plural_form(lang: str, n: int) -> str:
    """The CLDR plural category of `n` ('one' or 'other' in Dutch and English)."""
    return locale(lang).plural_form(n)


def plural_forms(lang: str) -> frozenset[str]:
    """Every plural category the language's rule can choose: a counted phrase needs each."""
    return frozenset(locale(lang).plural_form.tags | {"other"})


def decimal(lang: str, value: float) -> str:
    """A number with one decimal in the language's style: '3,5' / '3.5'. Halves round up."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP  # 2.25 -> 2.3, as a reader would round it
        return format_decimal(Decimal(str(value)), "0.0", locale=locale(lang))


def listing(lang: str, parts: Sequence[str]) -> str:
    """A list in running text: 'a, b en c' / 'a, b and c'."""
    return format_list(list(parts), locale=locale(lang)) if parts else ""


def weekday_names(lang: str, short: bool = False) -> list[str]:
    """The seven day names, Monday first: 'maandag' … or 'ma' … when short."""
    names = get_day_names("abbreviated" if short else "wide", locale=locale(lang))
    return [names[day] for day in range(7)]  # Babel numbers the days as date.weekday() does


def weekday_name(lang: str, day: date, short: bool = False) -> str:
    """The name of the day's weekday: 'maandag' / 'Monday' (or 'ma' / 'Mon')."""
    return weekday_names(lang, short)[day.weekday()]


def day_words(lang: str, day: date, *, weekday: bool = False, year: bool = False) -> str:
    """A date in running text: '2 maart', 'maandag 2 maart 2026', '2 March 2026', …"""
    return format_date(day, _PATTERNS[weekday, year], locale=locale(lang))


def tidy(text: str) -> str:
    """The answer on one line: whitespace runs become one space; the words stay as written."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis; never rewritten."""
    text = tidy(text)
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS) + 1]
    # Keep whole words only; a single word longer than the limit is the one hard cut.
    cut = head.rfind(" ")
    head = head[:cut] if cut > 0 else head[: limit - len(ELLIPSIS)]
    return head.rstrip(" ,;:–-") + ELLIPSIS
