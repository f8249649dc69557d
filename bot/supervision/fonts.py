"""The font of the supervision PDF and the text it can show.

DejaVu Sans, as matplotlib ships it (matplotlib is a dependency already), so the PDF needs
nothing outside pip: no system fonts. It draws Dutch and many symbols, but not colour emoji;
`printable` leaves out what it cannot draw, cleanly, instead of printing an empty box.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import TTFFont

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
# What changes the look of the character before it: variation selectors, skin tones, a keycap,
# tag letters (flags of regions). A zero-width joiner glues the next character on as well.
_MODIFIER = "\ufe00-\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
# An emoji sequence ('🧗' + joiner + '♀' + selector): kept as its base only when it is the base
# and its look (a '❤' with its selector); else left out whole, so no '♀' stays behind alone.
_SEQUENCE = re.compile(f"([^\n])((?:[{_MODIFIER}]|\u200d[^\n]?)+)")
_SPARE = re.compile(f"[{_MODIFIER}\u200b-\u200f\u2060]")
_SPACES = re.compile(r"[ \t]{2,}")


def add_fonts(pdf: FPDF) -> None:
    """Register the three faces (regular, bold "B", oblique "I") as FONT."""
    for style in FONT_FILES:
        pdf.add_font(FONT, style, str(font_path(style)))


def font_path(style: str) -> Path:
    """One of the DejaVu Sans faces that matplotlib ships with itself."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILES[style]


@cache
def glyphs() -> frozenset[int]:
    """The code points every face of the font can draw (read once per process)."""
    pdf = FPDF()
    add_fonts(pdf)
    faces = [font for font in pdf.fonts.values() if isinstance(font, TTFFont)]
    close_fonts(pdf)
    return frozenset.intersection(*(frozenset(font.cmap) for font in faces))


def close_fonts(pdf: FPDF) -> None:
    """Close the font files fpdf2 keeps open to read lazily (else they leak until collected)."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.ttfont.close()


def _sequence(match: re.Match[str]) -> str:
    """One emoji sequence as its base character, or nothing when it is more than that."""
    base, tail = match.group(1), match.group(2)
    return base if "\u200d" not in tail and ord(base) in glyphs() else ""


class _Drawable(dict[int, int | None]):
    """A str.translate table: a code point the font draws maps to itself, any other to None
    (left out). Filled as characters are first met, so translate runs in C after that."""

    def __missing__(self, point: int) -> int | None:
        kept = point == 10 or (point in glyphs() and unicodedata.category(chr(point))[0] != "C")
        self[point] = point if kept else None
        return self[point]


_DRAWABLE = _Drawable()


def printable(text: str) -> str:
    """Text the font can show: composed (NFC), without emoji or control characters it cannot
    draw, spaces tidied where something was left out; line breaks kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = _SPARE.sub("", _SEQUENCE.sub(_sequence, text)).replace("\t", " ").translate(_DRAWABLE)
    lines = (_SPACES.sub(" ", line).strip() for line in kept.split("\n"))
    return "\n".join(lines).strip()
