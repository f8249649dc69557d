"""Which signpost, prompt and questions a check-in gets: fresh until all were used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from prompts import Signpost
from storage import NewStep, RotationHistory

SCALES: tuple[NewStep, ...] = (NewStep(kind="energy"), NewStep(kind="boundaries"))


@dataclass(frozen=True)
class CheckinPlan:
    """What a new check-in will ask."""

    signpost: int
    prompt_index: int
    steps: list[NewStep]


def fresh_picks(total: int, history: Sequence[Sequence[int]], count: int, rng: Random) -> list[int]:
    """Pick `count` distinct indexes of range(total), none repeated until every one was used.

    The history is replayed in cycles: once all indexes were used, a new cycle starts.
    """
    used: set[int] = set()
    for batch in history:
        for index in batch:
            if len(used) >= total:
                used = set()
            if 0 <= index < total:  # content may have shrunk since
                used.add(index)
    if len(used) >= total:
        used = set()
    fresh = [i for i in range(total) if i not in used]
    rng.shuffle(fresh)
    picks = fresh[:count]
    if len(picks) < count:  # the cycle ends mid-check-in: top up from the next one
        rest = [i for i in range(total) if i not in picks]
        rng.shuffle(rest)
        picks += rest[: count - len(picks)]
    return picks


def plan_checkin(
    signpost: Signpost, history: RotationHistory, question_count: int, rng: Random
) -> CheckinPlan:
    """The prompt and questions for the next check-in on this signpost."""
    [prompt_index] = fresh_picks(len(signpost.prompts), [[p] for p in history.prompts], 1, rng)
    questions = fresh_picks(len(signpost.questions), history.questions, question_count, rng)
    steps = [
        NewStep(kind="question", question_index=i, question_text=signpost.questions[i])
        for i in questions
    ]
    return CheckinPlan(signpost.number, prompt_index, [*steps, *SCALES])
