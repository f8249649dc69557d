"""Runs every detector, keeps non-overlapping findings, and masks them in the text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from bot.privacy_guard.addresses import _addresses
from bot.privacy_guard.dates import _birth_dates
from bot.privacy_guard.emails import _emails
from bot.privacy_guard.finding import DEFAULT_LABELS, PLACEHOLDER, STRUCTURED, Finding
from bot.privacy_guard.ibans import _ibans
from bot.privacy_guard.names import _names
from bot.privacy_guard.national import _national_numbers
from bot.privacy_guard.normalise import normalise, original_span
from bot.privacy_guard.phones import _phones

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
    """All identifying details in text, sorted by position and non-overlapping.

    The detectors read the normalised text (plain spaces, no invisible characters, ASCII
    forms); the spans returned are in the original text, ready for `mask`.
    """
    plain, origin = normalise(text)
    found = _resolve([finding for detect in _DETECTORS for finding in detect(plain)])
    if origin is None:
        return found
    # The map is strictly increasing, so sorted disjoint spans stay sorted and disjoint.
    return [Finding(f.kind, *original_span(origin, f.start, f.end)) for f in found]


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
