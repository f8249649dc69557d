"""The data rights' buttons: yes or no to a question that needs confirmation (erasing all)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.callbacks import Buttons

CONFIRM_ACTIONS = frozenset({"delete"})


@dataclass(frozen=True)
class Confirm:
    """A yes/no tap on a question that needs confirmation, e.g. erasing all data."""

    action: str
    yes: bool


def _confirm(match: re.Match[str]) -> Confirm | None:
    """Only actions that ask for confirmation."""
    if match.group(1) not in CONFIRM_ACTIONS:
        return None
    return Confirm(match.group(1), match.group(2) == "y")


CONFIRM = Buttons[Confirm](
    prefix="c",
    payloads=(Confirm,),
    rest=re.compile(r"([a-z]{1,12}):([yn])"),
    build=_confirm,
    write=lambda p: f"{p.action}:{'y' if p.yes else 'n'}",
)
