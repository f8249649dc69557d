"""A masked excerpt around each finding, short enough for a message with room to spare."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.privacy_guard.finding import DEFAULT_LABELS, PLACEHOLDER, Finding
from bot.privacy_guard.scan import _resolve

GAP = " … "
# Context either side of each finding, tried widest first until the excerpt fits.
_CONTEXTS = (160, 80, 40, 20, 0)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What to show of a masked answer: whole, or windows around the first findings."""

    text: str
    whole: bool  # the full masked answer, nothing left out
    omitted: int  # findings not shown at all (only when even bare placeholders do not fit)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def masked_excerpt(
    text: str,
    findings: list[Finding],
    room: int,
    labels: Mapping[str, str] = DEFAULT_LABELS,
) -> Excerpt:
    """The masked text if it fits in room (UTF-16 units), else a window around each finding.

    The windows shrink until they fit; if even the bare placeholders do not, the first
    findings are shown and the number left out is returned, so the caller can say so.
    """
    masked, spots = _masked_with_spots(text, findings, labels)
    if utf16_length(masked) <= room:
        return Excerpt(masked, whole=True, omitted=0)
    for context in _CONTEXTS:
        joined = _join(masked, _windows(masked, spots, context))
        if utf16_length(joined) <= room:
            return Excerpt(joined, whole=False, omitted=0)
    shown = ""
    for count in range(len(spots), 0, -1):  # few steps: each one drops a few characters
        shown = _join(masked, _windows(masked, spots[:count], 0))
        if utf16_length(shown) <= room:
            return Excerpt(shown, whole=False, omitted=len(spots) - count)
    return Excerpt("", whole=False, omitted=len(spots))


def _masked_with_spots(
    text: str, findings: list[Finding], labels: Mapping[str, str]
) -> tuple[str, list[tuple[int, int]]]:
    """The masked text and where each placeholder sits in it."""
    parts: list[str] = []
    spots: list[tuple[int, int]] = []
    pos = length = 0
    for finding in _resolve([f for f in findings if 0 <= f.start < f.end <= len(text)]):
        before, label = text[pos : finding.start], labels.get(finding.kind, PLACEHOLDER)
        parts += (before, label)
        length += len(before)
        spots.append((length, length + len(label)))
        length += len(label)
        pos = finding.end
    parts.append(text[pos:])
    return "".join(parts), spots


def _windows(masked: str, spots: list[tuple[int, int]], context: int) -> list[tuple[int, int]]:
    """Merged windows of context characters around each spot, cut at whitespace if possible."""
    merged: list[tuple[int, int]] = []
    for start, end in spots:
        left = _cut_left(masked, max(0, start - context), start)
        right = _cut_right(masked, end, min(len(masked), end + context))
        if merged and left <= merged[-1][1] + len(GAP):
            merged[-1] = (merged[-1][0], right)
        else:
            merged.append((left, right))
    return merged


def _cut_left(masked: str, left: int, start: int) -> int:
    """Start a window after a space, not in the middle of a word."""
    if left == 0:
        return 0
    space = masked.find(" ", left, start)
    return space + 1 if space >= 0 else start


def _cut_right(masked: str, end: int, right: int) -> int:
    """End a window before a space, not in the middle of a word."""
    if right == len(masked):
        return right
    space = masked.rfind(" ", end, right)
    return space if space >= 0 else end


def _join(masked: str, windows: list[tuple[int, int]]) -> str:
    """The windows joined by "…", with "…" where the text goes on before or after."""
    pieces = [masked[a:b].strip() for a, b in windows]
    head = "… " if windows and windows[0][0] > 0 else ""
    tail = " …" if windows and windows[-1][1] < len(masked) else ""
    return head + GAP.join(pieces) + tail
