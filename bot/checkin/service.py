"""The daily check-in's decisions and records: which check-in, which step, where an answer
belongs, what is stored and what follows it. No Telegram here: the dialog (bot/checkin/dialog/)
asks the steps and acts on the plain outcomes returned here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.care.callbacks import CareChoice
from bot.checkin import cycle
from bot.checkin.callbacks import ScaleAnswer, SkipStep
from bot.checkin.cycle import quote as quote  # her words quoted back, as the verrekijker does too
from bot.checkin.rotation import plan_checkin
from bot.core.handling import defer_step_sent
from bot.core.schedule import local_date
from bot.core.services import Services
from bot.ops import hooks
from bot.privacy_guard import Finding, mask
from bot.privacy_guard.callbacks import GuardChoice
from storage import CareMark, Checkin, PendingAnswer, Person, Step, Trigger, User
from storage.cycle import CYCLE


def today(services: Services, user: User) -> date:
    """The user's local date now."""
    return local_date(services.clock.now(), ZoneInfo(user.timezone))


async def create_checkin(services: Services, user: User, day: date, trigger: Trigger) -> Checkin:
    """The check-in of that day: created from the rotation, or the one that already exists."""
    checkins = services.storage.checkins
    signpost = services.content.signpost(user.language, user.next_signpost)
    history = await checkins.rotation_history(user.user_id, signpost.number)
    plan = plan_checkin(signpost, history, user.questions_per_checkin, services.rng)
    extra = await cycle.cycle_step(services, user, day, plan.signpost)
    created = await checkins.create(
        user_id=user.user_id,
        local_date=day,
        signpost=plan.signpost,
        prompt_id=plan.prompt_id,
        prompt_text=plan.prompt_text,
        trigger=trigger,
        steps=cycle.with_cycle_step(plan.steps, extra),
        now=services.clock.now(),
    )
    existing = created or await checkins.for_date(user.user_id, day)
    assert existing is not None
    return existing


async def engaged(services: Services, step: Step, user: User | None = None) -> None:
    """The user took up this signpost: the next check-in brings the next one.

    A check-in left untouched brings the same signpost again, so no signpost is skipped.
    `user`: as read in this handling (in the person's turn), to skip a write that would
    change nothing.
    """
    if user is not None and user.next_signpost != step.signpost:
        return  # taken up already (an earlier answer of this check-in): nothing to write
    if step.question_id is not None and step.question_id.startswith(CYCLE):
        return  # the weekly talk, a look-back or an intention's return: no signpost taken up
    await services.storage.users.advance_signpost(step.user_id, step.signpost)


async def last_question(services: Services, checkin_id: int) -> Step | None:
    """The check-in's last question the user was shown."""
    steps = await services.storage.checkins.steps(checkin_id)
    questions = [s for s in steps if s.kind == "question" and s.state != "pending" and not s.unsent]
    return questions[-1] if questions else None


# Asking the steps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Today:
    """What /today does: deliver a check-in (a new one, or one whose scheduled send failed),
    ask its open step again, or neither (done for today)."""

    deliver: Checkin | None = None
    resend: Step | None = None


async def start_today(services: Services, user: User) -> Today:
    """/today: today's check-in, created when there is none yet."""
    checkins = services.storage.checkins
    checkin = await checkins.for_date(user.user_id, today(services, user))
    if checkin is not None and not checkin.delivered:  # a scheduled send that failed
        return Today(deliver=checkin)
    open_step = await checkins.open_step(user.user_id)
    if checkin is not None and open_step is not None and open_step.checkin_id == checkin.id:
        return Today(resend=open_step)
    if checkin is not None:
        return Today()
    return Today(deliver=await create_checkin(services, user, today(services, user), "on_demand"))


async def scheduled_checkin(services: Services, user: User, day: date) -> Checkin | None:
    """The day's scheduled check-in to deliver; None when /today already brought it."""
    checkin = await services.storage.checkins.for_date(user.user_id, day)
    if checkin is not None and checkin.delivered:
        return None
    return checkin or await create_checkin(services, user, day, "scheduled")


async def weekly_talk(services: Services, user: User) -> Checkin | None:
    """Today's weekly talk (created once), or None when it was delivered already."""
    talk = await cycle.start_weekly_talk(services, user, today(services, user))
    return None if talk.delivered else talk


async def first_step(services: Services, checkin: Checkin) -> Step:
    """The step a delivery asks: one an earlier attempt opened (and failed to send), so a retry
    never opens the next step; else the first one, opened now."""
    checkins = services.storage.checkins
    steps = await checkins.steps(checkin.id)
    step = next((s for s in steps if s.state == "open"), None)
    if step is None:
        step = await checkins.open_next_step(checkin.id, services.clock.now())
    assert step is not None
    return step


async def delivered(services: Services, checkin: Checkin) -> None:
    """The check-in's first step went out."""
    await services.storage.checkins.mark_delivered(checkin.id, services.clock.now())


async def step_sent(services: Services, step: Step, message_id: int | None) -> None:
    """Record the step as sent: with the update's finish when one is being handled (one
    statement fewer, bot/core/handling.py), else now."""
    if not defer_step_sent(step.id, message_id):
        await services.storage.checkins.set_step_message(step.id, message_id)


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
    services: Services, checkin_id: int, *, opened: Step | NotOpened | None = NOT_OPENED
) -> Step | Finished:
    """The next step to ask, or the check-in completed now.

    `opened`: the next step as opened already with the answer before it (None: none was
    left), so it is not looked for again.
    """
    checkins = services.storage.checkins
    if isinstance(opened, NotOpened):
        step = await checkins.open_next_step(checkin_id, services.clock.now())
    else:
        step = opened
    if step is not None:
        return step
    await checkins.complete(checkin_id, services.clock.now())
    checkin = await checkins.get(checkin_id)
    heavy = checkin is not None and checkin.care_mark in ("self", "paused")
    return Finished(checkin_id, checkin is not None and checkin.kind == "weekly", heavy)


async def tapped_step(
    services: Services, user: User, payload: ScaleAnswer | SkipStep | None
) -> Step | None:
    """The open step a tap on 1–5 or skip is for; None when it is gone, answered or not
    theirs (someone else's step, forged data, looks exactly like an expired one)."""
    step = await services.storage.checkins.step(payload.step_id) if payload else None
    forged_scale = isinstance(payload, ScaleAnswer) and step is not None and step.kind == "question"
    if step is None or step.user_id != user.user_id or step.state != "open" or forged_scale:
        return None
    return step


async def close_step(
    services: Services,
    user: User,
    step: Step,
    *,
    score: int | None = None,
    message_id: int | None = None,
) -> bool:
    """A scale's score (or, without one, a skip) stored; False when the step was no longer
    open. `message_id`: the user's message when the score was typed, so a replay is known."""
    checkins, now = services.storage.checkins, services.clock.now()
    if score is not None:
        closed = await checkins.close_step(
            step.id, state="answered", score=score, now=now, message_id=message_id
        )
    else:
        closed = await checkins.close_step(step.id, state="skipped", now=now)
    if closed:
        await engaged(services, step, user)
    return closed


# Answers ----------------------------------------------------------------------------------


async def target_of(
    services: Services, user: User, reply_to: int | None, person: Person | None
) -> Step | None:
    """The step a message answers: the question it replies to, else the open step, else the
    last question of a check-in that waits after heavy words.

    `person`: the sender's state read with the user, in this handling (one query)."""
    checkins = services.storage.checkins
    target = await checkins.step_by_message(user.user_id, reply_to) if reply_to else None
    if target is None or target.kind != "question":
        target = person.open_step if person else await checkins.open_step(user.user_id)
    return target or await _paused_question(services, user)


async def _paused_question(services: Services, user: User) -> Step | None:
    """The last question of a check-in that waits after heavy words: more words belong there."""
    waiting = await services.storage.checkins.paused(user.user_id)
    if waiting is None:
        return None
    return await last_question(services, waiting.id)


@dataclass(frozen=True)
class Replayed:
    """A message whose answer is stored already (replayed after a crash), and what its
    check-in still needs: its open step that never went out (`resend`), or its next step
    (`advance`: the check-in), or nothing."""

    resend: Step | None = None
    advance: int | None = None


async def stored_before(services: Services, user: User, message_id: int) -> Replayed | None:
    """Replayed when this message's answer is stored already, else None.

    A crash after storing it may have left its check-in waiting: the next step not opened,
    or opened but never sent. That step comes now, late rather than never.
    """
    checkins = services.storage.checkins
    step = await checkins.step_of_answer(user.user_id, message_id)
    if step is None:
        return None
    if step.care_mark == "paused":
        return Replayed()  # it waits on the user's choice after heavy words
    waiting = await checkins.open_step(user.user_id)
    if waiting is None:
        checkin = await checkins.get(step.checkin_id)
        if checkin is not None and not checkin.completed:
            return Replayed(advance=step.checkin_id)
    elif waiting.checkin_id == step.checkin_id and waiting.message_id is None:
        return Replayed(resend=waiting)
    return Replayed()


@dataclass(frozen=True)
class Stored:
    """What storing an answer leaves to the dialog: nothing when it was the same message
    again (`stored` False); else the answered question's skip button to drop, the next step
    to ask (`advance`, with the step `opened` with the answer), or a word back (`reply`)."""

    stored: bool
    drop_buttons: bool = False
    advance: bool = False
    opened: Step | None = None
    reply: str | None = None


async def store_answer(
    services: Services,
    user: User,
    step: Step,
    message_id: int,
    text: str,
    *,
    hold: bool | None = None,
) -> Stored:
    """Store an answer to a question; when it was the open question, the next step follows.

    `hold`: the check-in waits after heavy words, so no next step (default: the step's mark).
    """
    checkins = services.storage.checkins
    if hold is None:
        hold = step.care_mark == "paused"
    now = services.clock.now()
    if step.state == "open" and not hold:
        # The answer and the next step in one go (one statement, or one SQLite commit).
        stored, opened = await checkins.add_answer_and_open_next(
            step=step, message_id=message_id, text=text, now=now
        )
        if not stored:
            return Stored(False)  # the same message again (a redelivered update)
        await engaged(services, step, user)
        return Stored(True, drop_buttons=True, advance=True, opened=opened)
    if not await checkins.add_answer(step=step, message_id=message_id, text=text, now=now):
        return Stored(False)  # the same message again (a redelivered update)
    await engaged(services, step, user)
    if hold:
        return Stored(True, drop_buttons=step.state == "open", reply="care.crisis.held")
    waiting = await checkins.open_step(user.user_id)
    if waiting is not None and waiting.checkin_id == step.checkin_id and waiting.kind != "question":
        reply = "answer.added_tap_scale"  # words typed while a scale waits
    else:
        reply = "answer.added_earlier"
    return Stored(True, drop_buttons=step.state == "open", reply=reply)


async def hold_answer(
    services: Services,
    user: User,
    step: Step,
    message_id: int,
    text: str,
    findings: list[Finding],
    *,
    is_edit: bool = False,
) -> None:
    """Hold an answer back, as written and masked, until the user chooses."""
    hooks.guarded()
    masked = mask(text, findings)
    pending = PendingAnswer(user.user_id, step.id, message_id, is_edit, text, masked)
    await services.storage.pending.hold(pending, services.clock.now())


@dataclass(frozen=True)
class Rewritten:
    """An edit of a message the guard held back: the edit is the answer, to `step` (None
    when that step is gone)."""

    step: Step | None


async def edit_of(services: Services, user: User, message_id: int) -> Step | Rewritten | None:
    """What an edited message was: the stored answer to a step, a held-back answer now
    rewritten, or neither (a command, or erased data: nothing to follow)."""
    storage = services.storage
    held = await storage.pending.take(user.user_id, message_id)
    if held is not None and not held.is_edit:
        return Rewritten(await storage.checkins.step(held.step_id))
    return await storage.checkins.step_of_answer(user.user_id, message_id)


async def edit_answer(services: Services, user: User, message_id: int, text: str) -> bool:
    """A stored answer follows its edit; False when there was none to follow."""
    checkins = services.storage.checkins
    return await checkins.edit_answer(user.user_id, message_id, text, services.clock.now())


@dataclass(frozen=True)
class GuardOutcome:
    """The guard question's closing words (`key`), and the answer still to store, if any."""

    key: str
    step: Step | None = None
    message_id: int = 0
    text: str = ""


async def resolve_guard(services: Services, user: User, choice: GuardChoice) -> GuardOutcome:
    """Carry out the user's choice for a held-back answer (an edit is stored here; a new
    answer is left to the dialog, which asks what follows it)."""
    storage = services.storage
    held = await storage.pending.take(user.user_id, choice.message_id)
    if held is None:
        return GuardOutcome("errors.expired")
    if choice.choice == "rewrite":
        return GuardOutcome("guard.done_rewrite")
    text = held.masked if choice.choice == "mask" else held.text
    outcome = f"guard.done_{choice.choice}"
    if held.is_edit:
        await edit_answer(services, user, held.message_id, text)
        return GuardOutcome(outcome)
    step = await storage.checkins.step(held.step_id)
    if step is None:
        return GuardOutcome("errors.expired")
    return GuardOutcome(outcome, step, held.message_id, text)


# Heavy words ------------------------------------------------------------------------------


async def mark_care(services: Services, checkin_id: int, mark: CareMark) -> None:
    """Mark the check-in: a client's crisis, her own, or her own while it waits."""
    await services.storage.checkins.set_care_mark(checkin_id, mark)


@dataclass(frozen=True)
class GoOn:
    """After heavy words she goes on: the step that waited is asked again (`waiting`), or
    the check-in's next one."""

    checkin_id: int
    waiting: Step | None


async def choose(services: Services, user: User, choice: CareChoice) -> str | GoOn:
    """Carry out "stop" or "go": a text key to say, or what to ask now.

    "errors.expired" for a check-in that is not theirs or no longer waits.
    """
    checkins = services.storage.checkins
    checkin = await checkins.get(choice.checkin_id)
    if checkin is None or checkin.user_id != user.user_id or checkin.care_mark != "paused":
        return "errors.expired"
    await checkins.set_care_mark(checkin.id, "self")
    if choice.choice == "stop":
        await checkins.close_rest(checkin.id, services.clock.now())
        return "care.crisis.stopped"
    waiting = await checkins.open_step(user.user_id)
    same = waiting is not None and waiting.checkin_id == checkin.id
    return GoOn(checkin.id, waiting if same else None)
