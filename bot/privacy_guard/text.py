"""Shared regex pieces (capitals, letters, words) and word-set helpers for the detectors."""

from __future__ import annotations

import re

# --- shared pieces ----------------------------------------------------------------------------

# Python's re has no \p{Lu}; the Latin blocks cover Dutch, English, Turkish and transliterated
# Arabic names (Ö, Ç, Ş, İ ...).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_U = f"[{re.escape(_UPPER)}]"
_LETTER = r"[^\W\d_]"
# A capitalised word, possibly with inner apostrophes or hyphens (O'Brien, Sint-Pieters).
_CAPWORD = rf"{_U}{_LETTER}*(?:['’\-]{_LETTER}+)*"
_WORD = re.compile(rf"{_LETTER}+(?:['’\-]{_LETTER}+)*")


def _words(*sources: str) -> frozenset[str]:
    """A casefolded word set from whitespace-separated literals."""
    return frozenset(word for source in sources for word in source.casefold().split())


def _fold(word: str) -> str:
    """Casefold, dropping the combining dot that casefolding adds to Turkish "İ"."""
    return word.casefold().replace("\u0307", "")
