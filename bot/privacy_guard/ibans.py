"""Finds IBANs, validated with python-stdnum: ISO 13616 mod-97 and the country's structure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban

from bot.privacy_guard.finding import Finding

# --- IBAN -------------------------------------------------------------------------------------

# ISO 13616 registry lengths for the countries a Belgian or Dutch service is likely to meet:
# the finder needs them to know where a grouped IBAN ends and the next word begins.
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "DZ": 26, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TN": 24, "TR": 26, "UA": 29,
}  # fmt: skip
# Registry countries python-stdnum 2.2 has no structure for (it refuses every number there).
_STDNUM_UNKNOWN = frozenset(("DZ", "MA"))
_IBAN_START = re.compile(r"(?<![^\W_])[A-Za-z]{2}[0-9]{2}(?=[ \-]?[A-Za-z0-9])")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def iban_is_valid(iban: str) -> bool:
    """A known country's length, the ISO 13616 mod-97 check and the account structure of the
    country's registry entry (python-stdnum).

    stdnum's national checks are left out on purpose: its Belgian bank list does not know
    every bank code (it refuses BE68 5390 0754 7034 for its "539"), and an account number the
    guard does not recognise is one left unmasked. Countries stdnum has no structure for
    (Algeria, Morocco) keep the plain ISO check.
    """
    compact = re.sub(r"[ \-]", "", iban).upper()
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isascii():
        return False
    if not compact[2:4].isdigit() or not compact.isalnum():
        return False
    if compact[:2] in _STDNUM_UNKNOWN:
        rearranged = compact[4:] + compact[:4]
        return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
    return stdnum_iban.is_valid(compact, check_country=False)


def _ibans(text: str) -> Iterator[Finding]:
    """IBANs with or without spaces, cut at the registry length of their country."""
    for m in _IBAN_START.finditer(text):
        length = _IBAN_LENGTHS.get(m.group()[:2].upper())
        if length is None:
            continue
        # Walk forward over single spaces or hyphens until the country's length is reached;
        # the regex cannot know where a grouped IBAN ends and the next word begins.
        count, pos, end = 4, m.end(), len(text)
        while count < length and pos < end:
            char = text[pos]
            if char in _ALNUM:
                count, pos = count + 1, pos + 1
            elif char in " -" and pos + 1 < end and text[pos + 1] in _ALNUM:
                pos += 1
            else:
                break
        ends_cleanly = pos == end or text[pos] not in _ALNUM
        if count == length and ends_cleanly and iban_is_valid(text[m.start() : pos]):
            yield Finding("iban", m.start(), pos)
