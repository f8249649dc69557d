"""Finds dates of birth: dates with a birth cue, or full dates only a birth year fits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bot.privacy_guard.finding import Finding
from bot.privacy_guard.text import _LETTER, _fold

# --- dates of birth ---------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augustus": 8,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = (
    "(?=[AaDdFfJjMmNnOoSs])(?i:"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + rf")(?!{_LETTER})\.?"
)
_ORDINAL = r"(?:ste|de|e|st|nd|rd|th)?"
_YEAR4 = r"(?P<y>(?:1[89]|20)\d{2})(?!\d)"
_DATES = (
    # 12/03/1985, 12-03-85, 12.03 (the last two only count with a birth cue)
    re.compile(
        r"(?<![\d./\-])(?P<d>[0-3]?\d)(?P<s>[./\-])(?P<m>[01]?\d)"
        r"(?:(?P=s)(?P<y>\d{4}|\d{2}))?(?!\d)(?![./\-]\d)"
    ),
    # 1985-03-12 (ISO), 1985/03/12
    re.compile(
        r"(?<![\d./\-])(?P<y>(?:19|20)\d{2})(?P<s>[./\-])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)"
        r"(?!\d)(?![./\-]\d)"
    ),
    # 3 mei 1990, 12th of March 1985, 19 augustus
    re.compile(
        rf"(?<!\w)(?P<d>[0-3]?\d){_ORDINAL}\.?(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+{_YEAR4})?"
    ),
    # March 12, 1985 (US order)
    re.compile(rf"(?<!\w)(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d){_ORDINAL}(?!\w)(?:,?\s+{_YEAR4})?"),
    # mei 1990, March 1988 (no day: counts only with a birth cue)
    re.compile(rf"(?<!\w)(?P<mon>{_MONTH})\s+{_YEAR4}"),
)
# A birth cue shortly before the date, in the same clause; "°" is the Flemish "born" sign.
_CUE_BEFORE = re.compile(
    r"(?:\b(?i:geboren|geb|geboortedatum|geboortedag|geboorte|verjaardag|verjaart|jarig|born"
    r"|birthday|birthdate|birth\s+date|date\s+of\s+birth|d\.?o\.?b)\b\.?|°)[^.!?;\n]{0,30}\Z"
)
# Dutch puts the verb last: "die op 15 juni 2008 geboren is".
_CUE_AFTER = re.compile(r"\)?\s{1,3}(?i:geboren|born)\b")
# Without a cue, a full date this old is almost surely a birth date, not a meeting or an
# admission: a reflection is about today.
_CUELESS_LATEST = date.today().year - 16


def _birth_dates(text: str) -> Iterator[Finding]:
    """Dates with a birth cue, or full dates whose year can only be a birth year."""
    for pattern in _DATES:
        for m in pattern.finditer(text):
            groups = m.re.groupindex
            # re's IGNORECASE matches "İ" to "i"; _fold makes the lookup agree ("JULİ").
            month = _MONTHS.get(_fold(m["mon"].rstrip(".")), 0) if "mon" in groups else int(m["m"])
            day = int(m["d"]) if "d" in groups else 0
            if not (1 <= month <= 12 and (1 <= day <= 31 or "d" not in groups)):
                continue
            year = m["y"]
            cued = (
                _CUE_BEFORE.search(text, max(0, m.start() - 48), m.start()) is not None
                or _CUE_AFTER.match(text, m.end()) is not None
            )
            full = day > 0 and year is not None and len(year) == 4
            if cued or (full and 1900 <= int(year) <= _CUELESS_LATEST):
                yield Finding("birth_date", m.start(), m.end() - m.group().endswith("."))
