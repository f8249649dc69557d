"""The check-in's progress through its steps: which step comes next, a step closed, and
what heavy words change (the check-in marked, stopped or gone on with). No Telegram here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.care.callbacks import CareChoice
from bot.checkin.callbacks import ScaleAnswer, SkipStep
from bot.checkin.service import Checkins
from bot.core.handling import defer_step_sent
from storage import CareMark, Checkin, Step, User
from storage.cycle import CYCLE


def taken_up(step: Step, user: User | None = None) -> int | None:
    """The signpost an answer to this step takes up, if it moves her on: the next check-in
    brings the next one. A check-in left untouched brings the same signpost again, so no
    signpost is skipped. `user`: as read in this handling (in the person's turn), to skip a
    write that would change nothing."""
    if user is not None and user.next_signpost != step.signpost:
        return None  # taken up already (an earlier answer of this check-in)
    if step.question_id is not None and step.question_id.startswith(CYCLE):
        return None  # the weekly talk, a look-back or an intention's return: no signpost
    return step.signpost


async def engaged(checkins: Checkins, step: Step, user: User | None = None) -> None:
    """The user took up this step's signpost, if it moves her on (`taken_up`)."""
    if (signpost := taken_up(step, user)) is not None:
        await checkins.users.advance_signpost(step.user_id, signpost)


async def last_question(checkins: Checkins, checkin_id: int) -> Step | None:
    """The check-in's last question the user was shown."""
    steps = await checkins.repo.steps(checkin_id)
    questions = [s for s in steps if s.kind == "question" and s.state != "pending" and not s.unsent]
    return questions[-1] if questions else None


async def first_step(checkins: Checkins, checkin: Checkin) -> Step:
    """The step a delivery asks: one an earlier attempt opened (and failed to send), so a retry
    never opens the next step; else the first one, opened now."""
    steps = await checkins.repo.steps(checkin.id)
    step = next((s for s in steps if s.state == "open"), None)
    if step is None:
        step = await checkins.repo.open_next_step(checkin.id, checkins.clock.now())
    assert step is not None
    return step


async def delivered(checkins: Checkins, checkin: Checkin) -> None:
    """The check-in's first step went out."""
    await checkins.repo.mark_delivered(checkin.id, checkins.clock.now())


async def step_sent(checkins: Checkins, step: Step, message_id: int | None) -> None:
    """Record the step as sent: with the update's finish when one is being handled (one
    statement fewer, bot/core/handling.py), else now."""
    if not defer_step_sent(step.id, message_id):
        await checkins.repo.set_step_message(step.id, message_id)


class NotOpened:
    """next_step() opens the next step itself (the default)."""


NOT_OPENED = NotOpened()


@dataclass(frozen=True)
class Finished:
    """A check-in that just completed, and how it closes: the weekly talk with its own
    line, after heavy words (`heavy`) with only a quiet one."""

    checkin_id: int
    weekly: bool
    heavy: bool


async def next_step(
    checkins: Checkins, checkin_id: int, *, opened: Step | NotOpened | None = NOT_OPENED
) -> Step | Finished:
    """The next step to ask, or the check-in completed now.

    `opened`: the next step as opened already with the answer before it (None: none was
    left), so it is not looked for again.
    """
    if isinstance(opened, NotOpened):
        step = await checkins.repo.open_next_step(checkin_id, checkins.clock.now())
    else:
        step = opened
    if step is not None:
        return step
    await checkins.repo.complete(checkin_id, checkins.clock.now())
    checkin = await checkins.repo.get(checkin_id)
    heavy = checkin is not None and checkin.care_mark in ("self", "paused")
    return Finished(checkin_id, checkin is not None and checkin.kind == "weekly", heavy)


async def tapped_step(
    checkins: Checkins, user: User, payload: ScaleAnswer | SkipStep | None
) -> Step | None:
    """The open step a tap on 1–5 or skip is for; None when it is gone, answered or not
    theirs (someone else's step, forged data, looks exactly like an expired one)."""
    step = await checkins.repo.step(payload.step_id) if payload else None
    forged_scale = isinstance(payload, ScaleAnswer) and step is not None and step.kind == "question"
    if step is None or step.user_id != user.user_id or step.state != "open" or forged_scale:
        return None
    return step


async def close_step(
    checkins: Checkins,
    user: User,
    step: Step,
    *,
    score: int | None = None,
    message_id: int | None = None,
) -> bool:
    """A scale's score (or, without one, a skip) stored; False when the step was no longer
    open. `message_id`: the user's message when the score was typed, so a replay is known."""
    now = checkins.clock.now()
    if score is not None:
        closed = await checkins.repo.close_step(
            step.id, state="answered", score=score, now=now, message_id=message_id
        )
    else:
        closed = await checkins.repo.close_step(step.id, state="skipped", now=now)
    if closed:
        await engaged(checkins, step, user)
    return closed


# Heavy words ------------------------------------------------------------------------------


async def mark_care(checkins: Checkins, checkin_id: int, mark: CareMark) -> None:
    """Mark the check-in: a client's crisis, her own, or her own while it waits."""
    await checkins.repo.set_care_mark(checkin_id, mark)


@dataclass(frozen=True)
class GoOn:
    """After heavy words she goes on: the step that waited is asked again (`waiting`), or
    the check-in's next one."""

    checkin_id: int
    waiting: Step | None


async def choose(checkins: Checkins, user: User, choice: CareChoice) -> str | GoOn:
    """Carry out "stop" or "go": a text key to say, or what to ask now.

    "errors.expired" for a check-in that is not theirs or no longer waits.
    """
    checkin = await checkins.repo.get(choice.checkin_id)
    if checkin is None or checkin.user_id != user.user_id or checkin.care_mark != "paused":
        return "errors.expired"
    await checkins.repo.set_care_mark(checkin.id, "self")
    if choice.choice == "stop":
        await checkins.repo.close_rest(checkin.id, checkins.clock.now())
        return "care.crisis.stopped"
    waiting = await checkins.repo.open_step(user.user_id)
    same = waiting is not None and waiting.checkin_id == checkin.id
    return GoOn(checkin.id, waiting if same else None)
