"""When the support ladder is due, and which lines fit the user's country: plain functions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from storage import ScalePair

LOW_SCORE = 2  # a scale at or below this is low (the verrekijker uses the same line)
RECENT = 5  # the ladder looks at this many of the latest scored check-ins ...
LOW_NEEDED = 3  # ... and comes when this many of them were low
LADDER_PAUSE = timedelta(days=5)  # at most once in this many days after a low stretch ...
LOWEST = 1  # ... but a scale at this score always brings it: care, not a nag, never silence

Scale = Literal["energy", "boundaries"]


def low_scales(energy: int | None, boundaries: int | None) -> frozenset[Scale]:
    """The scales at or below LOW_SCORE; a skipped scale is never low."""
    pairs: tuple[tuple[Scale, int | None], ...] = (("energy", energy), ("boundaries", boundaries))
    return frozenset(name for name, score in pairs if score is not None and score <= LOW_SCORE)


def lowest_today(energy: int | None, boundaries: int | None) -> bool:
    """A scale at LOWEST: the ladder comes whatever the pause says."""
    return LOWEST in (energy, boundaries)


def ladder_due(recent: Sequence[ScalePair], last_offered: date | None, today: date) -> bool:
    """True when the newest check-in (first in `recent`) had a scale at LOWEST, or when
    LOW_NEEDED of the RECENT latest were low, the newest among them, and the ladder was not
    offered in the last LADDER_PAUSE."""
    window = list(recent)[:RECENT]
    if not window or not low_scales(*window[0]):
        return False
    if lowest_today(*window[0]):
        return True
    if sum(1 for pair in window if low_scales(*pair)) < LOW_NEEDED:
        return False
    return last_offered is None or today - last_offered >= LADDER_PAUSE
