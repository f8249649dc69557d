"""Which signpost, prompt and questions a check-in gets: fresh until all were used.

The prompt is drawn first, then only questions that fit that prompt (the content says which
prompts each question follows from), so a check-in reads as one conversation.
Rotation works on content ids, so rewording or reordering content keeps what was used.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from random import Random
from typing import TypeVar

from prompts import Signpost
from storage import NewStep, RotationHistory

SCALES: tuple[NewStep, ...] = (NewStep(kind="energy"), NewStep(kind="boundaries"))
Choice = TypeVar("Choice", bound=Hashable)


@dataclass(frozen=True)
class CheckinPlan:
    """What a new check-in will ask."""

    signpost: int
    prompt_id: str
    prompt_text: str
    steps: list[NewStep]


def fresh_picks(
    choices: Sequence[Choice], history: Sequence[Sequence[object]], count: int, rng: Random
) -> list[Choice]:
    """Pick `count` distinct choices, none repeated until every one was used.

    The history is replayed in cycles: once all choices were used, a new cycle starts.
    Entries content no longer has (retired ids) are ignored.
    """
    total, known = len(choices), set(choices)
    used: set[object] = set()
    for batch in history:
        for choice in batch:
            if len(used) >= total:
                used = set()
            if choice in known:
                used.add(choice)
    if len(used) >= total:
        used = set()
    fresh = [c for c in choices if c not in used]
    rng.shuffle(fresh)
    picks = fresh[:count]
    if len(picks) < count:  # the cycle ends mid-check-in: top up from the next one
        rest = [c for c in choices if c not in picks]
        rng.shuffle(rest)
        picks += rest[: count - len(picks)]
    return picks


def plan_checkin(
    signpost: Signpost, history: RotationHistory, question_count: int, rng: Random
) -> CheckinPlan:
    """The prompt and questions for the next check-in on this signpost.

    Questions are fresh among those that fit the drawn prompt: the history of the signpost
    is replayed over that set, so a question asked after another prompt counts as used.
    """
    prompts = dict(zip(signpost.prompt_ids, signpost.prompts, strict=True))
    questions = dict(zip(signpost.question_ids, signpost.questions, strict=True))
    [prompt_id] = fresh_picks(list(prompts), [[p] for p in history.prompts], 1, rng)
    fitting = list(signpost.questions_for(prompt_id))
    picked = fresh_picks(fitting, history.questions, question_count, rng)
    steps = [NewStep(kind="question", question_id=q, question_text=questions[q]) for q in picked]
    return CheckinPlan(signpost.number, prompt_id, prompts[prompt_id], [*steps, *SCALES])
