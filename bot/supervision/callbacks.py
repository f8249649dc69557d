"""The /supervisie buttons: which period, and all answers or only the starred ones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.core.callbacks import Buttons

Scope = Literal["all", "starred"]
_SCOPES: dict[str, Scope | None] = {"-": None, "a": "all", "s": "starred"}
_LETTERS = {scope: letter for letter, scope in _SCOPES.items()}


@dataclass(frozen=True)
class SupervisionChoice:
    """A tap on the /supervisie screens: the period ("w4", "w8", "m3", or "w<n>") and, on the
    second screen, all answers or only the starred ones (None: not chosen yet)."""

    span: str
    scope: Scope | None = None


def _choice(match: re.Match[str]) -> SupervisionChoice | None:
    """Only a period of 1 to 52 weeks, or 3 months."""
    span = match.group(1)
    if span.startswith("w") and not 1 <= int(span[1:]) <= 52:
        return None
    return SupervisionChoice(span, _SCOPES[match.group(2)])


PERIOD = Buttons[SupervisionChoice](
    prefix="sv",
    payloads=(SupervisionChoice,),
    rest=re.compile(r"(w[1-9]\d?|m3):([-as])"),
    build=_choice,
    write=lambda p: f"{p.span}:{_LETTERS[p.scope]}",
)
