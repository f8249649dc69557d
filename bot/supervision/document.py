"""One supervision document as plain frozen data: what the caller read, ready to print.

Independent of storage: the caller (the /supervisie handler) reads the period, masks every
text with the privacy guard's choices already applied, and fills these in. Nothing here
looks anything up; `make_supervision_pdf` only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from prompts import LENSES, SIGNPOST_COUNT, Lens

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
SCALE_MIN, SCALE_MAX = 1, 5


@dataclass(frozen=True)
class Entry:
    """One answer: the day, the signpost it followed, its lens, the question and her words."""

    day: date
    signpost: int  # 1..SIGNPOST_COUNT
    signpost_title: str  # as content has it, in the document's language
    lens: Lens | None  # "client", "self", "path", or None when the question has none
    question: str  # as it was asked
    text: str  # her answer, already masked by the caller (never unmasked here)

    def __post_init__(self) -> None:
        if not 1 <= self.signpost <= SIGNPOST_COUNT:
            raise ValueError(f"signpost must be 1..{SIGNPOST_COUNT}, got {self.signpost}")
        if self.lens is not None and self.lens not in LENSES:
            raise ValueError(f"lens must be one of {LENSES} or None, got {self.lens!r}")


@dataclass(frozen=True)
class DayScales:
    """The two scales of one day, 1 to 5; None where nothing was tapped."""

    day: date
    energy: int | None  # energie
    boundaries: int | None  # grenzen

    def __post_init__(self) -> None:
        for name, value in (("energy", self.energy), ("boundaries", self.boundaries)):
            if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
                raise ValueError(f"{name} must be {SCALE_MIN}..{SCALE_MAX} or None, got {value}")


@dataclass(frozen=True)
class Intention:
    """What she meant to try in a week, and how it went (None when she did not say)."""

    week_start: date
    text: str
    outcome: str | None = None


@dataclass(frozen=True)
class LookBack:
    """A check-in that brought back her earlier words, and how she sees them now."""

    day: date  # when she looked back
    earlier_day: date  # when she first wrote them
    earlier_text: str
    reflection: str


@dataclass(frozen=True)
class SupervisionDocument:
    """Everything one supervision PDF shows, in her language, for one period (both days in)."""

    language: Language
    start: date
    end: date
    starred_only: bool = False  # only the answers she marked were included
    entries: tuple[Entry, ...] = ()
    scales: tuple[DayScales, ...] = ()
    intentions: tuple[Intention, ...] = ()
    look_backs: tuple[LookBack, ...] = ()

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {self.language!r}")
        if self.start > self.end:
            raise ValueError(f"the period starts after it ends: {self.start} > {self.end}")

    @property
    def empty(self) -> bool:
        """True when the period holds nothing of hers: no words, scores, intentions, look-backs."""
        scored = any(s.energy is not None or s.boundaries is not None for s in self.scales)
        return not (self.entries or scored or self.intentions or self.look_backs)
