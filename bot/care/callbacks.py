"""Care's buttons: after heavy words, stop the check-in here or go on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.callbacks import Buttons, choice_by_letter

CARE_CHOICES = ("stop", "go")
_CHOICE = choice_by_letter(CARE_CHOICES)


@dataclass(frozen=True)
class CareChoice:
    """After heavy words: stop the check-in here ("stop") or go on ("go")."""

    choice: str
    checkin_id: int


CARE = Buttons[CareChoice](
    prefix="z",
    payloads=(CareChoice,),
    rest=re.compile(r"([sg]):(\d{1,15})"),  # the choice by its first letter
    build=lambda m: CareChoice(_CHOICE(m.group(1)), int(m.group(2))),
    write=lambda p: f"{p.choice[0]}:{p.checkin_id}",
)
