"""Privacy guard: find and mask details that identify a client in a practitioner's reflection.

Runs locally with the standard library only, in Dutch and English. Structured details (phone,
e-mail, Belgian national register number, IBAN) are found by pattern plus validation (checksums,
digit counts); the fuzzy ones (date of birth, street address, personal name) by pattern plus
context cues. Every regex is written so that it cannot backtrack catastrophically: runs are
anchored by look-behinds at their first character and separators are mandatory between
repeated parts, so the work per start position is bounded.
"""

from __future__ import annotations

from bot.privacy_guard.finding import DEFAULT_LABELS, KINDS, PLACEHOLDER, STRUCTURED, Finding, Kind
from bot.privacy_guard.ibans import iban_is_valid
from bot.privacy_guard.national import national_number_is_valid
from bot.privacy_guard.normalise import normalise
from bot.privacy_guard.question import guard_question
from bot.privacy_guard.scan import mask, scan

__all__ = [
    "DEFAULT_LABELS",
    "KINDS",
    "PLACEHOLDER",
    "STRUCTURED",
    "Finding",
    "Kind",
    "guard_question",
    "iban_is_valid",
    "mask",
    "national_number_is_valid",
    "normalise",
    "scan",
]
