"""Finds BE/NL/UK and international phone numbers, skipping service numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.privacy_guard.finding import Finding

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
        return _international_ok(groups, plus)
    return _national_ok(groups, digits)


# --- international notation: +CC or 00CC ---


def _international_ok(groups: list[_Group], plus: bool) -> bool:
    """A +CC or 00CC number: a country code, then a subscriber number valid for that country."""
    body = _dialled(groups, plus)
    if not body or body[0] == "0":
        return False  # no country code starts with 0
    if body.startswith("32"):
        return _belgian_after_code_ok(body)
    if body.startswith("31"):
        return _dutch_after_code_ok(body)
    return _other_country_ok(body, groups)


def _dialled(groups: list[_Group], plus: bool) -> str:
    """The digits dialled after "+" or "00", without a trunk "(0)" as in "+32 (0)470 ..."."""
    body = "".join(g.digits for g in groups if not (g.paren and g.digits == "0"))
    return body if plus else body[2:]


def _belgian_after_code_ok(body: str) -> bool:
    """+32: nine or ten national digits (with the 0), not a service number."""
    national = "0" + body[2:]
    return len(national) in (9, 10) and not national.startswith(_SERVICE_PREFIXES)


def _dutch_after_code_ok(body: str) -> bool:
    """+31: exactly nine digits after the code, not a service number."""
    return len(body) == 11 and not ("0" + body[2:]).startswith(_SERVICE_PREFIXES)


def _other_country_ok(body: str, groups: list[_Group]) -> bool:
    """Any other code: E.164 allows at most 15 digits; fewer than 8 is a code, not a subscriber;
    one unbroken run is no written phone number."""
    return 8 <= len(body) <= 15 and len(groups) >= 2


# --- national notation: 0 and an area code ---


def _national_ok(groups: list[_Group], digits: str) -> bool:
    """A BE/NL/UK national number: a 0 prefix, no service number, groups of two digits or more
    after the area code, and a length with a grouping that country writes."""
    if not digits.startswith("0") or digits.startswith(_SERVICE_PREFIXES):
        return False
    # Groups after the area code are never single digits in BE/NL/UK notation.
    if any(len(g.digits) < 2 for g in groups[1:]):
        return False
    by_length = _NATIONAL_BY_LENGTH.get(len(digits))
    return by_length is not None and by_length(groups, digits)


def _area_code_first(groups: list[_Group]) -> bool:
    """The first group is an area code (at most four digits), or the number is one run."""
    return len(groups[0].digits) <= 4 or len(groups) == 1


def _nine_digits_ok(groups: list[_Group], digits: str) -> bool:
    """Nine digits: a Belgian landline, but not a 070/078 shared-cost line (the Druglijn is
    078 15 10 20)."""
    return not digits.startswith(("070", "078")) and _area_code_first(groups)


def _ten_digits_ok(groups: list[_Group], digits: str) -> bool:
    """Ten digits: a Belgian mobile or a Dutch number."""
    return _area_code_first(groups)


def _eleven_digits_ok(groups: list[_Group], digits: str) -> bool:
    """Eleven digits: UK national format, 020 7946 0958 or 07700 900123. Never one unbroken
    run of 11, so that a national register number with a wrong checksum is not taken for a
    phone."""
    return 3 <= len(groups[0].digits) <= 5 and len(groups) in (2, 3)


_NATIONAL_BY_LENGTH: dict[int, Callable[[list[_Group], str], bool]] = {
    9: _nine_digits_ok,
    10: _ten_digits_ok,
    11: _eleven_digits_ok,
}


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
    if not _may_start_at(text, groups, i, plus_at):
        return None
    plus = i == 0 and plus_at is not None
    # "+32 4 ..." and "0032 (0)475 ..." may have one-digit groups; national notation may not.
    short_ok = plus or groups[i].digits.startswith("00")
    start = plus_at if plus and plus_at is not None else groups[i].start - groups[i].paren
    best = None
    for j in _window_ends(text, groups, i, short_ok):
        if _phone_ok(groups[i : j + 1], plus):
            best = (j, start)
    return best


def _may_start_at(text: str, groups: list[_Group], i: int, plus_at: int | None) -> bool:
    """A number starts at the run's "+", or at a 0-prefixed area code after whitespace."""
    if i > 0 and not _splits(text, groups[i - 1], groups[i]):
        return False
    if i == 0 and plus_at is not None:
        return True
    return len(groups[i].digits) >= 2 and groups[i].digits[0] == "0"


def _window_ends(text: str, groups: list[_Group], i: int, short_ok: bool) -> Iterator[int]:
    """The indexes j where a window of groups i..j may end: 8 to 15 digits, ending at
    whitespace or at the run's end; it stops at a one-digit group unless `short_ok`."""
    digits = 0
    for j in range(i, len(groups)):
        digits += len(groups[j].digits)
        if digits > 15 or (not short_ok and j > i and len(groups[j].digits) < 2):
            return
        if digits >= 8 and _ends_at_split(text, groups, j):
            yield j


def _ends_at_split(text: str, groups: list[_Group], j: int) -> bool:
    """Group j is the run's last, or whitespace follows it."""
    return j + 1 == len(groups) or _splits(text, groups[j], groups[j + 1])


_SPLIT = re.compile(r"\)?[ \t]+\(?")


def _splits(text: str, left: _Group, right: _Group) -> bool:
    """A phone number may end between two groups only at whitespace, never inside 0470/12.34."""
    return _SPLIT.fullmatch(text, left.end, right.start) is not None
