"""Finds Belgian national register numbers, validated by their checksum."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy_guard.finding import Finding

# --- Belgian national register number ---------------------------------------------------------

_NATNUM = re.compile(
    r"(?<!\d)(?<!\d[.\-/])"
    r"(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .\-]?(\d{3})[ .\-]?(\d{2})"
    r"(?!\d)(?![.\-/]\d)"
)


def national_number_is_valid(number: str) -> bool:
    """Rijksregisternummer check: 97 - (first 9 digits mod 97), with a "2" prefix from 2000."""
    digits = re.sub(r"\D", "", number)
    if len(digits) != 11 or not digits.isascii():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    # Month 0 and day 0 mean "unknown"; bis numbers add 20 or 40 to the month.
    if month % 20 > 12 or month > 52 or day > 31:
        return False
    check = int(digits[9:])
    return check in (97 - int(digits[:9]) % 97, 97 - int("2" + digits[:9]) % 97)


def _national_numbers(text: str) -> Iterator[Finding]:
    """Belgian national register numbers, accepted only when the checksum matches."""
    for m in _NATNUM.finditer(text):
        if national_number_is_valid(m.group()):
            yield Finding("national_number", m.start(), m.end())
