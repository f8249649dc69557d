"""Undo what pasting does to a text before it is scanned, keeping a map back to the original.

Text copied from a phone's contacts, a PDF or a web form carries no-break spaces, zero-width
characters and fullwidth forms ("0470 12 34 56" with U+00A0, "jan＠x.be"). The detectors
are written for plain spaces and ASCII, so the text is normalised first; every normalised
character remembers the position of the original character it came from, so that a mask
covers exactly the original characters, the invisible ones inside a number included.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Hyphens that Word and phones put in numbers ("06‑12345678" with a no-break hyphen). NFKC
# keeps them, and the detectors only know "-". The en dash is left alone: it is prose.
_HYPHENS = frozenset("\u2010\u2011\u2012\u2212\ufe63\uff0d")


@cache
def _plain(char: str) -> str:
    """The character the detectors should see for char: "" to drop it, else one character."""
    category = unicodedata.category(char)
    if category == "Zs":
        return " "  # every space separator: no-break, narrow, figure, ideographic ...
    if category in ("Zl", "Zp"):
        return "\n"
    if category == "Cf":
        return ""  # zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks
    if char in _HYPHENS:
        return "-"
    if category == "Nd":
        return str(unicodedata.decimal(char))  # "٠٤٧٠" and "０４７０" are the digits 0470
    folded = unicodedata.normalize("NFKC", char)
    # Only one-to-one compatibility forms (fullwidth "＠", mathematical "𝟎", "ſ"), so that
    # every normalised character has exactly one original; NFKC of "½" or "…" is not safe.
    if len(folded) == 1 and folded.isascii():
        return folded
    return char


def normalise(text: str) -> tuple[str, list[int] | None]:
    """The text as the detectors should see it, and for each of its characters the index of
    the original character (None when nothing changed, the common case)."""
    if text.isascii():
        return text, None
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = _plain(char) if ord(char) > 0x7F else char
        if plain:
            chars.append(plain)
            origin.append(index)
    normalised = "".join(chars)
    if normalised == text:
        return text, None
    return normalised, origin


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The original span of normalised text[start:end]: from its first to its last character,
    so dropped characters inside it are covered too."""
    if origin is None:
        return start, end
    return origin[start], origin[end - 1] + 1
