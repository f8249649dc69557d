"""Answers to the check-in's questions: where an answer belongs, what is stored, what a
replay or an edit still needs, and the answers the privacy guard holds back. No Telegram here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.checkin.progress import engaged, last_question, taken_up
from bot.checkin.service import Checkins
from bot.ops import hooks
from bot.privacy_guard import Finding, mask
from bot.privacy_guard.callbacks import GuardChoice
from storage import PendingAnswer, Person, Step, User


async def target_of(
    checkins: Checkins, user: User, reply_to: int | None, person: Person | None
) -> Step | None:
    """The step a message answers: the question it replies to, else the open step, else the
    last question of a check-in that waits after heavy words.

    `person`: the sender's state read with the user, in this handling (one query)."""
    target = await checkins.repo.step_by_message(user.user_id, reply_to) if reply_to else None
    if target is None or target.kind != "question":
        target = person.open_step if person else await checkins.repo.open_step(user.user_id)
    return target or await _paused_question(checkins, user)


async def _paused_question(checkins: Checkins, user: User) -> Step | None:
    """The last question of a check-in that waits after heavy words: more words belong there."""
    waiting = await checkins.repo.paused(user.user_id)
    if waiting is None:
        return None
    return await last_question(checkins, waiting.id)


@dataclass(frozen=True)
class Replayed:
    """A message whose answer is stored already (replayed after a crash), and what its
    check-in still needs: its open step that never went out (`resend`), or its next step
    (`advance`: the check-in), or nothing."""

    resend: Step | None = None
    advance: int | None = None


async def stored_before(checkins: Checkins, user: User, message_id: int) -> Replayed | None:
    """Replayed when this message's answer is stored already, else None.

    A crash after storing it may have left its check-in waiting: the next step not opened,
    or opened but never sent. That step comes now, late rather than never.
    """
    step = await checkins.repo.step_of_answer(user.user_id, message_id)
    if step is None:
        return None
    if step.care_mark == "paused":
        return Replayed()  # it waits on the user's choice after heavy words
    waiting = await checkins.repo.open_step(user.user_id)
    if waiting is None:
        checkin = await checkins.repo.get(step.checkin_id)
        if checkin is not None and not checkin.completed:
            return Replayed(advance=step.checkin_id)
    elif waiting.checkin_id == step.checkin_id and waiting.message_id is None:
        return Replayed(resend=waiting)
    return Replayed()


@dataclass(frozen=True)
class Stored:
    """What storing an answer leaves to the dialog: nothing when it was the same message
    again (`stored` False); else the next step to ask (`advance`, with the step `opened` with
    the answer), or a word back (`reply`)."""

    stored: bool
    advance: bool = False
    opened: Step | None = None
    reply: str | None = None


@dataclass(frozen=True)
class Written:
    """An answer as written: the question it answers, the message that brought it, its words
    (masked, when she chose so)."""

    step: Step
    message_id: int
    text: str


async def store_answer(
    checkins: Checkins, user: User, answer: Written, *, hold: bool | None = None
) -> Stored:
    """Store an answer to a question; when it was the open question, the next step follows.

    `hold`: the check-in waits after heavy words, so no next step (default: the step's mark).
    """
    step, message_id, text = answer.step, answer.message_id, answer.text
    if hold is None:
        hold = step.care_mark == "paused"
    now = checkins.clock.now()
    if step.state == "open" and not hold:
        # The answer, the next step and the signpost taken up in one go (one statement, or
        # one SQLite commit).
        stored, opened = await checkins.repo.add_answer_and_open_next(
            step=step, message_id=message_id, text=text, now=now, take_up=taken_up(step, user)
        )
        if not stored:
            return Stored(False)  # the same message again (a redelivered update)
        return Stored(True, advance=True, opened=opened)
    if not await checkins.repo.add_answer(step=step, message_id=message_id, text=text, now=now):
        return Stored(False)  # the same message again (a redelivered update)
    await engaged(checkins, step, user)
    if hold:
        return Stored(True, reply="care.crisis.held")
    waiting = await checkins.repo.open_step(user.user_id)
    if waiting is not None and waiting.checkin_id == step.checkin_id and waiting.kind != "question":
        reply = "answer.added_tap_scale"  # words typed while a scale waits
    else:
        reply = "answer.added_earlier"
    return Stored(True, reply=reply)


async def hold_answer(
    checkins: Checkins, user: User, answer: Written, findings: list[Finding], *, is_edit: bool
) -> None:
    """Hold an answer back, as written and masked, until the user chooses."""
    hooks.guarded()
    text = answer.text
    masked = mask(text, findings)
    pending = PendingAnswer(user.user_id, answer.step.id, answer.message_id, is_edit, text, masked)
    await checkins.pending.hold(pending, checkins.clock.now())


@dataclass(frozen=True)
class Rewritten:
    """An edit of a message the guard held back: the edit is the answer, to `step` (None
    when that step is gone)."""

    step: Step | None


async def edit_of(checkins: Checkins, user: User, message_id: int) -> Step | Rewritten | None:
    """What an edited message was: the stored answer to a step, a held-back answer now
    rewritten, or neither (a command, or erased data: nothing to follow)."""
    held = await checkins.pending.take(user.user_id, message_id)
    if held is not None and not held.is_edit:
        return Rewritten(await checkins.repo.step(held.step_id))
    return await checkins.repo.step_of_answer(user.user_id, message_id)


async def edit_answer(checkins: Checkins, user: User, message_id: int, text: str) -> bool:
    """A stored answer follows its edit; False when there was none to follow."""
    return await checkins.repo.edit_answer(user.user_id, message_id, text, checkins.clock.now())


@dataclass(frozen=True)
class GuardOutcome:
    """The guard question's closing words (`key`), and the answer still to store, if any."""

    key: str
    answer: Written | None = None


async def resolve_guard(checkins: Checkins, user: User, choice: GuardChoice) -> GuardOutcome:
    """Carry out the user's choice for a held-back answer (an edit is stored here; a new
    answer is left to the dialog, which asks what follows it)."""
    held = await checkins.pending.take(user.user_id, choice.message_id)
    if held is None:
        return GuardOutcome("errors.expired")
    if choice.choice == "rewrite":
        return GuardOutcome("guard.done_rewrite")
    text = held.masked if choice.choice == "mask" else held.text
    outcome = f"guard.done_{choice.choice}"
    if held.is_edit:
        await edit_answer(checkins, user, held.message_id, text)
        return GuardOutcome(outcome)
    step = await checkins.repo.step(held.step_id)
    if step is None:
        return GuardOutcome("errors.expired")
    return GuardOutcome(outcome, Written(step, held.message_id, text))
