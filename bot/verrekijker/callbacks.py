"""The verrekijker's buttons: which view ("week", "weeks", "all") of which week."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.core.callbacks import Buttons

VIEWS = {"week": "w", "weeks": "o", "all": "a"}
_VIEW_NAMES = {code: name for name, code in VIEWS.items()}


@dataclass(frozen=True)
class VerrekijkerView:
    """A tap on the verrekijker's buttons: which view of which week."""

    view: str
    week: date


def _view(match: re.Match[str]) -> VerrekijkerView | None:
    """Only a real calendar date: "20250231" has the shape but is no day."""
    try:
        week = datetime.strptime(match.group(2), "%Y%m%d").date()
    except ValueError:
        return None
    return VerrekijkerView(_VIEW_NAMES[match.group(1)], week)


VIEW = Buttons[VerrekijkerView](
    prefix="v",
    payloads=(VerrekijkerView,),
    rest=re.compile(r"([woa]):(\d{8})"),
    build=_view,
    write=lambda p: f"{VIEWS[p.view]}:{p.week:%Y%m%d}",
)
