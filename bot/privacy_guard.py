"""Privacy guard: find and mask details that identify a client in a practitioner's reflection.

Runs locally with the standard library only, in Dutch and English. Structured details (phone,
e-mail, Belgian national register number, IBAN) are found by pattern plus validation (checksums,
digit counts); the fuzzy ones (date of birth, street address, personal name) by pattern plus
context cues. Every regex is written so that it cannot backtrack catastrophically: runs are
anchored by look-behinds at their first character and separators are mandatory between
repeated parts, so the work per start position is bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

__all__ = [
    "DEFAULT_LABELS",
    "KINDS",
    "PLACEHOLDER",
    "STRUCTURED",
    "Finding",
    "Kind",
    "iban_is_valid",
    "mask",
    "national_number_is_valid",
    "scan",
]

Kind = Literal["phone", "email", "national_number", "iban", "birth_date", "address", "name"]
KINDS: tuple[Kind, ...] = (
    "phone",
    "email",
    "national_number",
    "iban",
    "birth_date",
    "address",
    "name",
)
STRUCTURED: tuple[Kind, ...] = ("phone", "email", "national_number", "iban")
# Language-neutral on purpose: the stored answer may be in Dutch or English.
PLACEHOLDER = "[…]"
DEFAULT_LABELS: Mapping[str, str] = MappingProxyType(dict.fromkeys(KINDS, PLACEHOLDER))


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifying detail: its kind and the half-open span text[start:end]."""

    kind: Kind
    start: int
    end: int


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


# --- e-mail -----------------------------------------------------------------------------------

# The look-behind pins the start to the first character of the local part, so a long run of
# word characters is tried once, not once per position.
_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[^\W_][\w\-]*(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w\-])")


# Addresses typed to dodge harvesters: "jan[at]gmail.com", "jan (at) gmail (dot) com", and
# spelled out, but only when it ends in "dot" and a common top-level domain, since "at" alone is
# an everyday English word.
_DOT = r"(?:\.|[ ]?[\[(](?i:dot)[\])][ ]?)"
_EMAIL_BRACKETED = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]+[ ]?[\[(](?i:at)[\])][ ]?[^\W_][\w\-]*"
    rf"(?:{_DOT}[\w\-]+)*{_DOT}[^\W\d_]{{2,}}(?![\w\-])"
)
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.%+\-])(?<!dot )[\w.%+\-]+(?:[ ](?i:dot)[ ][\w%+\-]+)*[ ](?i:at)[ ][^\W_][\w\-]*"
    r"(?:[ ](?i:dot)[ ][\w\-]+)*[ ](?i:dot)[ ](?i:com|be|nl|org|net|eu|uk|fr|de|info|me)(?![\w\-])"
)


def _emails(text: str) -> Iterator[Finding]:
    """E-mail addresses, also "[at]"/"(dot)" and spelled-out ones; no trailing full stop."""
    folded = text.casefold()
    # The obfuscated forms are rare; skip their passes unless their marker is there at all.
    patterns = [_EMAIL]
    if "at]" in folded or "at)" in folded:
        patterns.append(_EMAIL_BRACKETED)
    if " dot " in folded:
        patterns.append(_EMAIL_SPELLED)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not m.group().startswith("."):
                yield Finding("email", m.start(), m.end())


# --- IBAN -------------------------------------------------------------------------------------

# ISO 13616 registry lengths for the countries a Belgian or Dutch service is likely to meet.
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "DZ": 26, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TN": 24, "TR": 26, "UA": 29,
}  # fmt: skip
_IBAN_START = re.compile(r"(?<![^\W_])[A-Za-z]{2}[0-9]{2}(?=[ \-]?[A-Za-z0-9])")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check: known country length and mod-97 of the rearranged number equals 1."""
    compact = re.sub(r"[ \-]", "", iban).upper()
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isascii():
        return False
    if not compact[2:4].isdigit() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


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


# --- phone numbers ----------------------------------------------------------------------------

# A run of digit groups joined by one separator each. Maximal munch, never backtracked; the
# grouping is then checked in Python, window by window.
_PHONE_RUN = re.compile(
    r"(?<![\w+@/.\-])(?:\+[ \t]?)?\(?\d+\)?(?:(?:[ \t]?[./\-][ \t]?|[ \t]|(?<=\)))\(?\d+\)?)*"
)
_DIGITS = re.compile(r"\d+")
_NATNUM_SHAPE = re.compile(r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}")
_DATE_SHAPE = re.compile(r"[0-3]?\d[./\-][01]?\d[./\-](?:19|20)\d{2}")
# An IBAN prefix right before a run: "NL91 ABNA 0417 1643 01" must not yield a phone number
# when its checksum is wrong.
_IBAN_BEFORE = re.compile(r"(?:^|[^\w])[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]{4}){0,7}[ \-]?\Z")
# An enterprise number is written 0123.456.789; after such a cue it is no phone number.
_ENTERPRISE_CUE = re.compile(r"(?i:ondernemingsn(?:umme)?r|kbo|btw|vat|enterprise)\W{0,12}\Z")
# Shared-cost, free and premium service numbers are not personal: never mask them.
_SERVICE_PREFIXES = ("0800", "0900", "0901", "0902", "0903", "0904", "0905", "0906", "0909")


@dataclass(frozen=True, slots=True)
class _Group:
    """One digit group of a phone run, with its offsets and whether it was in parentheses."""

    digits: str
    start: int
    end: int
    paren: bool


def _phone_ok(groups: list[_Group], plus: bool) -> bool:
    """Whether these digit groups form a plausible BE/NL/UK or +CC phone number."""
    digits = "".join(g.digits for g in groups)
    if plus or digits.startswith("00"):
        # The trunk "(0)" in "+32 (0)470 ..." is not dialled.
        body = "".join(g.digits for g in groups if not (g.paren and g.digits == "0"))
        body = body if plus else body[2:]
        if not body or body[0] == "0":
            return False
        if body.startswith("32"):
            national = "0" + body[2:]
            return len(national) in (9, 10) and not national.startswith(_SERVICE_PREFIXES)
        if body.startswith("31"):
            return len(body) == 11 and not ("0" + body[2:]).startswith(_SERVICE_PREFIXES)
        # E.164 allows at most 15 digits; fewer than 8 is a code, not a subscriber.
        return 8 <= len(body) <= 15 and len(groups) >= 2
    if not digits.startswith("0") or digits.startswith(_SERVICE_PREFIXES):
        return False
    # Groups after the area code are never single digits in BE/NL/UK notation.
    if any(len(g.digits) < 2 for g in groups[1:]):
        return False
    count, first = len(digits), len(groups[0].digits)
    if count == 9:
        # Belgian 070/078 numbers are shared-cost lines (the Druglijn is 078 15 10 20).
        return not digits.startswith(("070", "078")) and (first <= 4 or len(groups) == 1)
    if count == 10:
        return first <= 4 or len(groups) == 1
    if count == 11:
        # UK national format: 020 7946 0958, 07700 900123. Never one unbroken run of 11, so
        # that a national register number with a wrong checksum is not taken for a phone.
        return 3 <= first <= 5 and len(groups) in (2, 3)
    return False


def _phones(text: str) -> Iterator[Finding]:
    """Phone numbers: the longest valid window of whole groups, split only at whitespace."""
    for m in _PHONE_RUN.finditer(text):
        run = m.group()
        if _NATNUM_SHAPE.fullmatch(run) or _DATE_SHAPE.match(run):
            continue
        if _IBAN_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if _ENTERPRISE_CUE.search(text, max(0, m.start() - 40), m.start()):
            continue
        base = m.start()
        groups = [_group(text, base + d.start(), base + d.end()) for d in _DIGITS.finditer(run)]
        plus_at = base if run.startswith("+") else None
        i = 0
        while i < len(groups):
            best = _best_window(text, groups, i, plus_at)
            if best is None:
                i += 1
                continue
            j, start = best
            yield Finding("phone", start, groups[j].end + (1 if groups[j].paren else 0))
            i = j + 1


def _group(text: str, start: int, end: int) -> _Group:
    """A digit group; `paren` only when it is wrapped whole, as in "(02)" or "(0)"."""
    paren = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    return _Group(text[start:end], start, end, paren)


def _best_window(
    text: str, groups: list[_Group], i: int, plus_at: int | None
) -> tuple[int, int] | None:
    """The last group index and start offset of the longest valid window starting at group i."""
    if i > 0 and not _splits(text, groups[i - 1], groups[i]):
        return None
    plus = i == 0 and plus_at is not None
    if not plus and (len(groups[i].digits) < 2 or groups[i].digits[0] != "0"):
        return None  # a national number starts with its 0-prefixed area code
    # "+32 4 ..." and "0032 (0)475 ..." may have one-digit groups; national notation may not.
    short_ok = plus or groups[i].digits.startswith("00")
    start = plus_at if plus and plus_at is not None else groups[i].start - groups[i].paren
    best, digits = None, 0
    for j in range(i, len(groups)):
        digits += len(groups[j].digits)
        if digits > 15 or (not short_ok and j > i and len(groups[j].digits) < 2):
            break
        last = j + 1 == len(groups)
        if digits < 8 or not (last or _splits(text, groups[j], groups[j + 1])):
            continue
        if _phone_ok(groups[i : j + 1], plus):
            best = (j, start)
    return best


_SPLIT = re.compile(r"\)?[ \t]+\(?")


def _splits(text: str, left: _Group, right: _Group) -> bool:
    """A phone number may end between two groups only at whitespace, never inside 0470/12.34."""
    return _SPLIT.fullmatch(text, left.end, right.start) is not None


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
    for m in _NL_ADDRESS.finditer(text):
        street = m["street"]
        folded = street.casefold()
        suffix = next((s for s in _NL_SUFFIXES if folded.endswith(s)), None)
        if suffix is None or folded in _NL_NOT_STREETS:
            continue
        if street[0].islower() and (suffix not in _NL_LOWER_OK or folded == suffix):
            continue
        following = _NEXT_WORD.match(text, m.end())
        if following and following[1].casefold() in _QUANTITY_WORDS:
            continue
        start = _extend_street_left(text, m.start())
        postcode = _POSTCODE.match(text, m.end())
        # A bare "Markt 3" needs a qualifier ("Grote Markt 3") or a postcode ("Markt 5, 9300
        # Aalst"); alone it is a place or a count.
        if folded == suffix and start == m.start() and postcode is None:
            continue
        yield Finding("address", start, postcode.end() if postcode else m.end())
    for m in _EN_ADDRESS.finditer(text):
        yield Finding("address", m.start(), m.end())


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


# --- personal names ---------------------------------------------------------------------------

# Titles that may be typed in any case; "Miss", "Doctor" and "Mister" only count capitalised,
# since "miss" is also a verb.
_TITLES = _words(
    "mevrouw mevr mw meneer mijnheer mnr dhr juffrouw juf dokter dr prof mr mrs ms mx madame"
    " monsieur mme mlle"
)
_CAPITAL_TITLES = frozenset(("Miss", "Doctor", "Mister", "Professor"))
_ABBREVIATED = _words("mevr mw mnr dhr dr prof mr mrs ms mx mme mlle")
# About 550 common first names of the people a Flemish or Dutch service meets: Flemish, Dutch,
# French-speaking Belgian, English and Irish, Moroccan, Turkish, Southern and Eastern European,
# Middle Eastern and African. Names that are also everyday words (Will, May, June, Hope, Can,
# Rose) are left out: without them "Will Sarah come?" is not a name.
_FIRST_NAMES = _words(
    # Flemish and Dutch
    "jan piet pieter peter paul luc marc bart tom wim koen dirk geert johan patrick kris stijn"
    " jeroen thomas lars arne wout sander jens robbe seppe lotte lies els an ann anne annelies"
    " sofie sophie sarah sara laura julie eline marie maria emma lisa nina hanne femke fien noor"
    " lien kaat katrien veerle inge griet hilde martine christine nathalie karen kim evy ilse"
    " leen sien tine jolien charlotte louise elise ellen eva marleen rita jeanne godelieve mieke"
    " ria agnes frans jozef jos roger willy eddy guido rudi daan sem bram ruben milan finn lucas"
    " noah liam mats vince wannes jasper tim kevin glenn dries joris maarten steven filip erik"
    " hans hendrik henk kees gerrit willem sjoerd fleur sanne anouk iris tess isa mila yara zoë"
    " jonas simon louis victor arthur jules warre lowie nore marthe ines elena olivia lena"
    " amber jana febe margot paulien stefanie stefaan kristof nele gert hugo bert ivo erwin"
    " dimitri yves benny danny frank rik jef staf mathias tibo senne bavo emiel lucie anna"
    " astrid kato ella hannah ilse greet annick carine chantal sabine veronique sylvie katleen"
    " wendy kelly tamara jessica melissa natasja jolanda ingrid petra anja monique",
)
_FIRST_NAMES |= _words(
    # English and Irish
    "james john robert michael william david richard joseph charles christopher daniel"
    " matthew anthony andrew joshua george jack harry oliver charlie jacob alfie oscar leo"
    " mary patricia jennifer linda elizabeth barbara susan nancy emily amelia isla ava mia"
    " chloe lucy ruby poppy megan rebecca rachel helen claire kate katie amy jade ethan mason"
    " logan ryan kyle sean connor siobhan aoife niamh ciara bridget margaret dorothy joan betty"
    " doris stan tony steve gary ian neil colin graham keith brian kevin alan martin mark"
    " stephen edward samuel benjamin henry alexander sophia isabella abigail madison grace"
    " hannah natalie jasmine aisha ayesha priya ravi arjun deepak mohammed ben",
    # Moroccan
    "mohamed muhammad ahmed ahmad youssef yousef mustafa mustapha karim khalid rachid said"
    " hassan hamza hicham driss omar ali amine anouar ayoub bilal brahim ilias ilyas imad ismail"
    " jamal mehdi nordin othman reda soufiane tarik yassine zakaria adil abdel abdelkader"
    " abdellah fatima fatiha khadija aicha aïcha amina nadia naima malika samira latifa loubna"
    " houda hafsa hanane imane ikram karima leila meryem nora rachida salma sanae siham souad"
    " yasmina yasmine zineb zohra zahra hajar nisrine dounia aya ilham fadoua noura rania",
)
_FIRST_NAMES |= _words(
    # More Flemish, and French-speaking Belgian
    "kobe lander jarne jitse nand mauro tuur mil rune lore lina elin fenna lou cas jef nele"
    " jean pierre michel philippe françois alain christophe nicolas olivier sébastien laurent"
    " vincent didier jacques isabelle céline valérie catherine caroline aurélie julien maxime"
    " camille manon léa mathilde nathan romain antoine chantal dominique pascal thierry",
    # Southern and Eastern European
    "tiago joão pedro carlos miguel josé juan luis antonio manuel francisco javier carmen lucía"
    " marco giuseppe luca giovanni francesca giulia piotr tomasz krzysztof paweł agnieszka"
    " katarzyna magdalena joanna małgorzata andrei ion mihai alexandru ioana andreea cristina"
    " gabriela ivan dimitar georgi oleksandr olena iryna natalia andriy olga svetlana yulia",
    # Syrian, Afghan, Eritrean, West and Central African
    "mahmoud khaled abdullah hussein mohammad samir rami nour rana hiba amal yonas tesfay dawit"
    " semhar habib zahir farid farida mariam maryam sami rahim hamid nasir zainab mamadou moussa"
    " ibrahima aminata fatoumata patrice kofi",
)
_FIRST_NAMES |= _words(
    # Turkish
    "mehmet ahmet hüseyin hasan ibrahim osman yusuf murat emre burak cem deniz emir enes eren"
    " furkan hakan kemal kerem mert ömer onur serkan sinan tolga volkan yasin yunus ayşe fatma"
    " emine hatice zeynep elif esra merve büşra özlem selin derya ebru gül hülya leyla melek"
    " nur sevgi songül tuba yasemin zehra dilek aylin ece irem",
)
# Capitalised words that follow a first name or title but are not surnames.
_NOT_NAMES = _words(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday"
    " thursday friday saturday sunday januari februari maart april mei juni juli augustus"
    " september oktober november december january february march may june july august october"
    " ik je jij u hij zij ze we wij jullie het de een en maar of dus toen daarna vandaag"
    " gisteren morgen nu he she they you it the a an and but or so then today yesterday"
    " tomorrow now tele-onthaal awel zelfmoordlijn druglijn kindertelefoon sherpa samaritans"
    " childline ocmw caw clb cgg team street st road rd avenue lane drive close court way"
    " place square crescent terrace gardens grove row walk mews boulevard hill park kerstmis"
    " pasen ramadan christmas easter",
    # Function words, capitalised only in Title Case text ("Vandaag Sprak Sarah Met Jan").
    "met voor naar bij op aan om over uit door na tot zonder is was heeft had zegt zei kwam"
    " with for to at on in from by about of has said says came",
)
# A person's name used for a place or an organisation: "AZ Jan Palfijn", "Anne Frank House".
_INSTITUTION_BEFORE = _words("az uz zna gza sint st saint campus stichting")
_INSTITUTION_AFTER = _words(
    "house huis hospital ziekenhuis school instituut institute centre center centrum"
    " foundation stichting fonds fund prijs prize college museum zaal hall"
)
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_DOTTED_GAP = re.compile(r"\.?[ \t\u00a0]{1,2}")


def _is_first_name(word: str) -> bool:
    """A capitalised word from the first-name list, or a hyphenated pair like Anne-Marie."""
    if not word[0].isupper() or word.isupper():
        return False
    folded = _fold(word)
    return folded in _FIRST_NAMES or all(part in _FIRST_NAMES for part in folded.split("-"))


def _is_name_word(word: str) -> bool:
    """A word that can be (part of) a surname: capitalised, not all caps, not a stop word."""
    return (
        len(word) >= 2
        and word[0].isupper()
        and not word.isupper()
        and _fold(word) not in _NOT_NAMES
    )


def _is_title(word: str) -> bool:
    """A courtesy or professional title such as mevrouw, dhr., Mr or Dr."""
    return _fold(word) in _TITLES or word in _CAPITAL_TITLES


def _names(text: str) -> Iterator[Finding]:
    """A title or common first name followed by a capitalised surname."""
    tokens = list(_WORD.finditer(text))
    i = 0
    while i < len(tokens):
        found = _name_at(text, tokens, i)
        if found is None:
            i += 1
            continue
        start, end, last = found
        if _is_institution(text, tokens, i, last):
            i = last + 1
            continue
        # "Mr Demir's daughter": the possessive is not part of the name.
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        yield Finding("name", start, end)
        i = last + 1


def _is_institution(text: str, tokens: list[re.Match[str]], first: int, last: int) -> bool:
    """Whether the name tokens[first..last] names a place or organisation, not a person."""
    if _fold(tokens[last].group()) in _INSTITUTION_AFTER:
        return True
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        after
        and _NAME_GAP.fullmatch(text, tokens[last].end(), after.start())
        and _fold(after.group()) in _INSTITUTION_AFTER
    ):
        return True
    before = tokens[first - 1] if first > 0 else None
    return bool(
        before
        and _NAME_GAP.fullmatch(text, before.end(), tokens[first].start())
        and _fold(before.group()) in _INSTITUTION_BEFORE
    )


def _name_at(text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, int, int] | None:
    """(start, end, last token index) of a name whose head is tokens[i], if there is one."""
    head = tokens[i]
    word, start = head.group(), head.start()
    # Fast path: most words are lower case and can only start a name as a title.
    if word[0].islower() and word.casefold() not in _TITLES and word != "heer":
        return None
    titled = _is_title(word)
    if (
        _fold(word) == "heer"
        and i > 0
        and _fold(tokens[i - 1].group()) == "de"
        and _NAME_GAP.fullmatch(text, tokens[i - 1].end(), head.start())
    ):
        titled, start = True, tokens[i - 1].start()
    if not titled and not _is_first_name(word):
        return None
    dotted = titled and _fold(word) in _ABBREVIATED
    end, last, particle, prev = None, i, False, head
    for j in range(i + 1, min(i + 7, len(tokens))):
        token = tokens[j]
        following = token.group()
        gap = _DOTTED_GAP if dotted else _NAME_GAP
        if gap.fullmatch(text, prev.end(), token.start()) is None:
            break
        prev = token
        # An initial ("mevr. V. Peeters") continues the name but cannot end it.
        dotted = (
            len(following) == 1
            and following.isupper()
            and text[token.end() : token.end() + 1] == "."
        )
        if dotted:
            continue
        if _fold(following) in _PARTICLES and not _is_first_name(following):
            particle = True
            continue
        if not _is_name_word(following):
            break
        end, last = token.end(), j
        # A surname closes the name; another first name may be a middle name or the surname.
        if particle or not _is_first_name(following):
            break
    return None if end is None else (start, end, last)


# --- resolution, scan and mask ----------------------------------------------------------------

# Tie-break between equally long spans: validated by checksum first, then by shape.
_RANK = {
    kind: rank
    for rank, kind in enumerate(
        ("iban", "national_number", "email", "phone", "birth_date", "address", "name")
    )
}
_DETECTORS = (_emails, _ibans, _national_numbers, _phones, _birth_dates, _addresses, _names)


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """Sorted, non-overlapping findings: validated kinds first, then the longest span."""
    order = sorted(
        candidates,
        key=lambda f: (f.kind not in STRUCTURED, f.start - f.end, _RANK.get(f.kind, 9), f.start),
    )
    starts: list[int] = []
    kept: list[Finding] = []
    for finding in order:
        k = bisect_left(starts, finding.start)
        if k > 0 and kept[k - 1].end > finding.start:
            continue
        if k < len(kept) and kept[k].start < finding.end:
            continue
        starts.insert(k, finding.start)
        kept.insert(k, finding)
    return kept


def scan(text: str) -> list[Finding]:
    """All identifying details in text, sorted by position and non-overlapping."""
    return _resolve([finding for detect in _DETECTORS for finding in detect(text)])


def mask(
    text: str,
    findings: list[Finding] | None = None,
    labels: Mapping[str, str] = DEFAULT_LABELS,
) -> str:
    """Text with each finding replaced by labels[kind] (default "[…]"), the rest untouched."""
    chosen = (
        scan(text)
        if findings is None
        else _resolve([f for f in findings if 0 <= f.start < f.end <= len(text)])
    )
    parts: list[str] = []
    pos = 0
    for finding in chosen:
        parts += (text[pos : finding.start], labels.get(finding.kind, PLACEHOLDER))
        pos = finding.end
    parts.append(text[pos:])
    return "".join(parts)
