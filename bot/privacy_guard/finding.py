"""The kinds of identifying detail, their placeholder, and the Finding span detectors yield."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

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
