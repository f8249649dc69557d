"""Finds Dutch and English street addresses with their house number and postcode."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy_guard.finding import Finding
from bot.privacy_guard.text import _CAPWORD, _LETTER, _words

# --- street addresses -------------------------------------------------------------------------

_NL_SUFFIXES = (
    "steenweg", "straat", "laan", "lei", "plein", "weg", "dreef", "kaai", "kade", "markt",
    "singel", "gracht", "dijk", "baan", "vest", "wal", "hof", "park", "pad", "steeg", "ring",
    "dries",
)  # fmt: skip
# Typed in lower case ("kerkstraat 12") only these are safe; "snelweg 2" or "markt 3" are not.
_NL_LOWER_OK = frozenset(
    ("steenweg", "straat", "laan", "lei", "dreef", "kaai", "kade", "singel", "gracht")
)
_NL_NOT_STREETS = _words(
    "onderweg halfweg snelweg zijweg omweg uitweg supermarkt arbeidsmarkt woningmarkt"
    " speelplein schoolplein loopbaan"
)
_STREET_PREFIXES = _words(
    "lange korte grote kleine oude nieuwe hoge lage groot klein oud nieuw hoog sint onze lieve"
    " vrouw koning koningin prins prinses burgemeester generaal pastoor dokter kapitein graaf"
    " kardinaal pater professor gebroeders noord zuid oost west"
)
_PARTICLES = _words(
    "van von de der den ter ten te het t vande vanden vander el al ben bin le la da di du"
)
# A number followed by one of these counts things ("Onderweg 3 keer"), it is no house number.
_QUANTITY_WORDS = _words(
    "keer maal kinderen jongeren mensen personen cliënten bewoners collega's uur u minuten min"
    " dagen weken maanden jaar jaren km meter euro procent times people children kids clients"
    " residents hours minutes days weeks months years euros percent pm am"
)
_NL_ADDRESS = re.compile(
    rf"(?<![\w'’\-])(?P<street>{_LETTER}+(?:['’\-]{_LETTER}+)*)"
    r"(?:[ \t]+(?i:nr\.?|nummer))?[ \t]+"
    r"(?P<num>\d{1,4}(?:[ ]?[A-Za-z](?![^\W_]))?"
    r"(?:[ ]?(?:bus|bte\.?|b\.)[ ]?\d{1,4}[A-Za-z]?(?![^\W_])|/\d{1,3}|-\d{1,4})?)"
    r"(?!\d)(?![.,:/]\d)"
)
_EN_ADDRESS = re.compile(
    rf"(?<![\w\-/.,])\d{{1,4}}[A-Za-z]?[ \t]+(?:{_CAPWORD}[ \t]+){{1,3}}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Court|Way|Place|Square|Crescent"
    r"|Terrace|Gardens|Grove|Row|Walk|Mews|Boulevard|Blvd|Hill|Park)(?!\w)"
)
_POSTCODE = re.compile(
    rf",?[ \t]*(?:\d{{4}}[ ]?[A-Z]{{2}}|\d{{4}})[ \t]+{_CAPWORD}(?:[ ]{_CAPWORD}){{0,2}}"
)
_NEXT_WORD = re.compile(rf"[ \t]+({_LETTER}+(?:['’]{_LETTER}+)?)")
_PREV_WORD = re.compile(rf"({_LETTER}+(?:['’\-]{_LETTER}+)*)[ \t]+\Z")
_CLAUSE_START = re.compile(r"(?:\A|[.!?:;\n(\"“'‘]\s*)\Z")


def _addresses(text: str) -> Iterator[Finding]:
    """Dutch "Kerkstraat 12 bus 3" and English "221B Baker Street" with their house number."""
    yield from _dutch_addresses(text)
    for m in _EN_ADDRESS.finditer(text):
        yield Finding("address", m.start(), m.end())


def _dutch_addresses(text: str) -> Iterator[Finding]:
    """A street word ending in a street suffix, its house number, a postcode and town if
    they follow, and the qualifying words before it ("Koning Albertlaan")."""
    for m in _NL_ADDRESS.finditer(text):
        street = m["street"]
        suffix = _street_suffix(street)
        if suffix is None or _counts_things(text, m.end()):
            continue
        start = _extend_street_left(text, m.start())
        postcode = _POSTCODE.match(text, m.end())
        if _bare_street_word(street, suffix, start < m.start(), postcode is not None):
            continue
        yield Finding("address", start, postcode.end() if postcode else m.end())


def _street_suffix(street: str) -> str | None:
    """The street suffix this word ends in ("straat", "laan"), or None when it is no street:
    no suffix, a known non-street ("snelweg"), or typed in lower case where that is unsafe."""
    folded = street.casefold()
    suffix = next((s for s in _NL_SUFFIXES if folded.endswith(s)), None)
    if suffix is None or folded in _NL_NOT_STREETS:
        return None
    if street[0].islower() and (suffix not in _NL_LOWER_OK or folded == suffix):
        return None
    return suffix


def _counts_things(text: str, end: int) -> bool:
    """The number is followed by a quantity word ("Onderweg 3 keer"): it is no house number."""
    following = _NEXT_WORD.match(text, end)
    return following is not None and following[1].casefold() in _QUANTITY_WORDS


def _bare_street_word(street: str, suffix: str, qualified: bool, has_postcode: bool) -> bool:
    """A bare "Markt 3" needs a qualifier ("Grote Markt 3") or a postcode ("Markt 5, 9300
    Aalst"); alone it is a place or a count."""
    return street.casefold() == suffix and not qualified and not has_postcode


def _extend_street_left(text: str, start: int) -> int:
    """Take up to three qualifying words before the street word: "Lange", "Koning Albert"."""
    best = pos = start
    for _ in range(3):
        prev = _PREV_WORD.search(text, max(0, pos - 40), pos)
        if prev is None:
            break
        word = prev[1]
        if word.casefold() in _PARTICLES:
            pos = prev.start(1)  # "Jan van Rijswijcklaan": keep going, but only a capital counts
            continue
        if not word[0].isupper():
            break
        # At a clause start any sentence word is capitalised ("Vandaag Kerkstraat 12"), so
        # there only the usual street qualifiers count.
        at_start = _CLAUSE_START.search(text, max(0, prev.start(1) - 4), prev.start(1)) is not None
        if at_start and word.casefold() not in _STREET_PREFIXES:
            break
        best = pos = prev.start(1)
    return best
