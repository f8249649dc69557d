"""The check-in's buttons: a tap on 1–5 of a scale, and skipping a step."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.callbacks import Buttons


@dataclass(frozen=True)
class ScaleAnswer:
    """A tap on 1–5 of a scale step."""

    step_id: int
    score: int


@dataclass(frozen=True)
class SkipStep:
    """A tap on the skip button of a step."""

    step_id: int


SCALE = Buttons[ScaleAnswer](
    prefix="a",
    payloads=(ScaleAnswer,),
    rest=re.compile(r"(\d{1,12}):([1-5])"),
    build=lambda m: ScaleAnswer(int(m.group(1)), int(m.group(2))),
    write=lambda p: f"{p.step_id}:{p.score}",
)
SKIP = Buttons[SkipStep](
    prefix="k",
    payloads=(SkipStep,),
    rest=re.compile(r"(\d{1,12})"),
    build=lambda m: SkipStep(int(m.group(1))),
    write=lambda p: str(p.step_id),
)
