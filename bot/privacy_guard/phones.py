"""Finds BE/NL/UK and international phone numbers, skipping service numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
