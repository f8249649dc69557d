"""Answers coming in: typed text, edits, and the privacy guard's question before storing."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from bot.care.distress import Reading, read_distress
from bot.checkin import pause, service, steps
from bot.core.replies import send
from bot.core.services import Services
from bot.ops import hooks
from bot.privacy_guard import Finding, mask, scan
from bot.privacy_guard.callbacks import GUARD, GUARD_CHOICES, GuardChoice
from bot.privacy_guard.question import guard_question
from storage import PendingAnswer, Person, Step, User

log = logging.getLogger(__name__)


# What the bot says back after a text answer: a catalog key, or None when the next step
# (or nothing at all) says enough.
Reply = str | None


async def receive_text(
    services: Services,
    bot: Bot,
    user: User,
    *,
    message_id: int,
    text: str,
    reply_to: int | None,
    person: Person | None = None,
) -> Reply:
    """Store a free-text message as the answer to the question it belongs to.

    A reply to an earlier question belongs to that question; otherwise the open one takes it.
    Text that looks like it identifies a client is held back until the user decides.
    `person`: the sender's state read with the user, in this handling (one query).
    """
    if (person is None or person.stored_before) and await _stored_before(
        services, bot, user, message_id
    ):
        return None
    reading = read_distress(text)
    target = await _target_of(services, user, reply_to, person)
    if target is None:
        if reading.concern == "self":  # free text outside a check-in is read too
            await pause.care_for(services, bot, user, None, reading)
            return None
        return "answer.nothing_open"
    if target.unsent and (seen := await service.last_question(services, target.checkin_id)):
        return await _answer_seen_then_ask(
            services, bot, user, seen, target, message_id, text, reading
        )
    if target.kind != "question":
        if text.strip() in SCORES:
            await steps.record_score(
                services, bot, user, target, int(text.strip()), message_id=message_id
            )
            return None
        # Words typed while a scale waits belong to the check-in's last question.
        question = await service.last_question(services, target.checkin_id)
        if question is None:
            return "answer.tap_scale"
        target = question
    return await _answer(services, bot, user, target, message_id, text, reading)


SCORES = frozenset("12345")  # a scale's score, typed instead of tapped


async def _target_of(
    services: Services, user: User, reply_to: int | None, person: Person | None
) -> Step | None:
    """The step a message answers: the question it replies to, else the open step, else the
    last question of a check-in that waits after heavy words."""
    checkins = services.storage.checkins
    target = await checkins.step_by_message(user.user_id, reply_to) if reply_to else None
    if target is None or target.kind != "question":
        target = person.open_step if person else await checkins.open_step(user.user_id)
    return target or await _paused_question(services, user)


async def _answer(
    services: Services,
    bot: Bot,
    user: User,
    target: Step,
    message_id: int,
    text: str,
    reading: Reading,
) -> Reply:
    """Heavy words answered first; then the guard's question, or the answer stored."""
    paused = await pause.care_for(services, bot, user, target, reading)
    if findings := scan(text):
        await hold_for_guard(services, bot, user, target, message_id, text, findings)
        return None
    reply = await store_answer(services, bot, user, target, message_id, text, hold=paused or None)
    return None if paused else reply


async def _paused_question(services: Services, user: User) -> Step | None:
    """The last question of a check-in that waits after heavy words: more words belong there."""
    waiting = await services.storage.checkins.paused(user.user_id)
    if waiting is None:
        return None
    return await service.last_question(services, waiting.id)


async def _answer_seen_then_ask(
    services: Services,
    bot: Bot,
    user: User,
    seen: Step,
    unsent: Step,
    message_id: int,
    text: str,
    reading: Reading,
) -> Reply:
    """The open step never reached the user: their words belong to the question they last
    saw, and the open step is asked after that (not while the check-in waits)."""
    paused = await pause.care_for(services, bot, user, seen, reading)
    waits = paused or unsent.care_mark == "paused"
    if findings := scan(text):
        await hold_for_guard(services, bot, user, seen, message_id, text, findings)
    else:
        stored = await store_answer(services, bot, user, seen, message_id, text, hold=waits)
        if stored is not None and not paused:
            key = "care.crisis.held" if waits else "answer.added_earlier"
            await send(bot, user.chat_id, services.texts.text(user.language, key), html=False)
    if not waits:
        await steps.send_step(services, bot, user, unsent)
    return None


async def store_answer(
    services: Services,
    bot: Bot,
    user: User,
    step: Step,
    message_id: int,
    text: str,
    *,
    hold: bool | None = None,
) -> Reply:
    """Store an answer to a question; when it was the open question, ask the next step.

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
            return None  # the same message again (a redelivered update)
        await service.engaged(services, step, user)
        await steps.drop_buttons(bot, user, step)
        await steps.advance(services, bot, user, step.checkin_id, opened=opened)
        return None
    if not await checkins.add_answer(step=step, message_id=message_id, text=text, now=now):
        return None  # the same message again (a redelivered update)
    await service.engaged(services, step, user)
    if step.state == "open":
        await steps.drop_buttons(bot, user, step)
    if hold:
        return "care.crisis.held"
    waiting = await checkins.open_step(user.user_id)
    if waiting is not None and waiting.checkin_id == step.checkin_id and waiting.kind != "question":
        return "answer.added_tap_scale"  # words typed while a scale waits
    return "answer.added_earlier"


async def hold_for_guard(
    services: Services,
    bot: Bot,
    user: User,
    step: Step,
    message_id: int,
    text: str,
    findings: list[Finding],
    *,
    is_edit: bool = False,
) -> None:
    """Hold an answer back and ask: store it masked, as written, or rewrite it."""
    hooks.guarded()
    masked = mask(text, findings)
    pending = PendingAnswer(user.user_id, step.id, message_id, is_edit, text, masked)
    await services.storage.pending.hold(pending, services.clock.now())
    texts, lang = services.texts, user.language
    buttons = [
        InlineKeyboardButton(
            texts.text(lang, f"guard.{choice}"),
            callback_data=GUARD.encode(GuardChoice(choice, message_id)),
        )
        for choice in GUARD_CHOICES
    ]
    await send(
        bot,
        user.chat_id,
        guard_question(texts, lang, text, findings),
        InlineKeyboardMarkup([[b] for b in buttons]),
        reply_parameters=ReplyParameters(message_id, allow_sending_without_reply=True),
    )


async def receive_edit(
    services: Services, bot: Bot, user: User, *, message_id: int, text: str
) -> bool:
    """An edited message: a stored answer follows the edit (through the guard); True if used."""
    storage = services.storage
    held = await storage.pending.take(user.user_id, message_id)
    if held is not None and not held.is_edit:
        # The user fixed a message the guard held back: treat the edit as the answer.
        step = await storage.checkins.step(held.step_id)
        if step is not None:
            paused = await pause.care_for(services, bot, user, step, read_distress(text))
            await _answer_or_hold(services, bot, user, step, message_id, text, paused)
        return True
    step = await storage.checkins.step_of_answer(user.user_id, message_id)
    if step is None:
        return False  # not an answer (a command, or erased data): nothing to follow
    reading = read_distress(text)
    if reading.concern == "self":  # the lines, without pausing a check-in that moved on
        await pause.care_for(services, bot, user, None, reading)
        await storage.checkins.set_care_mark(step.checkin_id, "self")
    else:
        await pause.care_for(services, bot, user, step, reading)
    if findings := scan(text):
        await hold_for_guard(services, bot, user, step, message_id, text, findings, is_edit=True)
        return True
    return await storage.checkins.edit_answer(user.user_id, message_id, text, services.clock.now())


async def resolve_guard(services: Services, bot: Bot, user: User, choice: GuardChoice) -> str:
    """Carry out the user's choice for a held-back answer; returns the outcome's text key."""
    storage = services.storage
    held = await storage.pending.take(user.user_id, choice.message_id)
    if held is None:
        return "errors.expired"
    if choice.choice == "rewrite":
        return "guard.done_rewrite"
    text = held.masked if choice.choice == "mask" else held.text
    outcome = f"guard.done_{choice.choice}"
    if held.is_edit:
        await storage.checkins.edit_answer(
            user.user_id, held.message_id, text, services.clock.now()
        )
        return outcome
    step = await storage.checkins.step(held.step_id)
    if step is None:
        return "errors.expired"
    reply = await store_answer(services, bot, user, step, held.message_id, text)
    if reply is not None:
        await send(bot, user.chat_id, services.texts.text(user.language, reply), html=False)
    return outcome


async def _answer_or_hold(
    services: Services,
    bot: Bot,
    user: User,
    step: Step,
    message_id: int,
    text: str,
    paused: bool,
) -> None:
    if findings := scan(text):
        await hold_for_guard(services, bot, user, step, message_id, text, findings)
    else:
        await store_answer(services, bot, user, step, message_id, text, hold=paused or None)


async def _stored_before(services: Services, bot: Bot, user: User, message_id: int) -> bool:
    """A message whose answer is stored already (replayed after a crash): it is done.

    A crash after storing it may have left its check-in waiting: the next step not opened,
    or opened but never sent. That step comes now, late rather than never.
    """
    checkins = services.storage.checkins
    step = await checkins.step_of_answer(user.user_id, message_id)
    if step is None:
        return False
    if step.care_mark == "paused":
        return True  # it waits on the user's choice after heavy words: nothing comes by itself
    waiting = await checkins.open_step(user.user_id)
    if waiting is None:
        checkin = await checkins.get(step.checkin_id)
        if checkin is not None and not checkin.completed:
            await steps.advance(services, bot, user, step.checkin_id)
    elif waiting.checkin_id == step.checkin_id and waiting.message_id is None:
        await steps.send_step(services, bot, user, waiting)
    return True
