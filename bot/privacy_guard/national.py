"""Finds Belgian national register numbers, validated with python-stdnum."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.be import bis, nn

from bot.privacy_guard.finding import Finding

# --- Belgian national register number ---------------------------------------------------------

_NATNUM = re.compile(
    r"(?<!\d)(?<!\d[.\-/])"
    r"(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .\-]?(\d{3})[ .\-]?(\d{2})"
    r"(?!\d)(?![.\-/]\d)"
)


def national_number_is_valid(number: str) -> bool:
    """Rijksregisternummer (or bis number) check by python-stdnum: 97 - (first 9 digits mod
    97), with a "2" prefix for those born from 2000, and a birth month that can exist (0 is
    "unknown"; bis numbers add 20 or 40 to it)."""
    digits = re.sub(r"\D", "", number)
    if len(digits) != 11 or not digits.isascii():
        return False
    return nn.is_valid(digits) or bis.is_valid(digits)


def _national_numbers(text: str) -> Iterator[Finding]:
    """Belgian national register numbers, accepted only when the checksum matches."""
    for m in _NATNUM.finditer(text):
        if national_number_is_valid(m.group()):
            yield Finding("national_number", m.start(), m.end())
