"""The privacy guard's buttons: how to store an answer it held back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.callbacks import Buttons, choice_by_letter

GUARD_CHOICES = ("mask", "keep", "rewrite")
_CHOICE = choice_by_letter(GUARD_CHOICES)


@dataclass(frozen=True)
class GuardChoice:
    """How to store an answer the privacy guard held back: "mask", "keep" or "rewrite"."""

    choice: str
    message_id: int


GUARD = Buttons[GuardChoice](
    prefix="g",
    payloads=(GuardChoice,),
    rest=re.compile(r"([mkr]):(\d{1,12})"),  # the choice by its first letter
    build=lambda m: GuardChoice(_CHOICE(m.group(1)), int(m.group(2))),
    write=lambda p: f"{p.choice[0]}:{p.message_id}",
)
