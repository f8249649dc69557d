"""Answers coming in: typed text, edits, and the privacy guard's question before storing.

Where an answer belongs and what is stored is the service's (bot/checkin/answering.py); this
answers heavy words, asks the guard's question and asks what follows.
"""

from __future__ import annotations

import logging

from telegram import Bot, ReplyParameters

from bot import privacy_guard
from bot.care import Reading, read_distress
from bot.checkin import answering, progress
from bot.checkin import views as render
from bot.checkin.answering import Rewritten, Written
from bot.checkin.dialog import pause, steps
from bot.checkin.service import Checkins
from bot.core.replies import send
from bot.privacy_guard import Finding, guard_question
from bot.privacy_guard.callbacks import GuardChoice
from storage import Person, Step, User

log = logging.getLogger(__name__)


# What the bot says back after a text answer: a catalog key, or None when the next step
# (or nothing at all) says enough.
Reply = str | None


async def receive_text(
    checkins: Checkins,
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
        checkins, bot, user, message_id
    ):
        return None
    reading = read_distress(text)
    target = await answering.target_of(checkins, user, reply_to, person)
    if target is None:
        if reading.concern == "self":  # free text outside a check-in is read too
            await pause.care_for(checkins, bot, user, None, reading)
            return None
        return "answer.nothing_open"
    if target.unsent and (seen := await progress.last_question(checkins, target.checkin_id)):
        answer = Written(seen, message_id, text)
        return await _answer_seen_then_ask(checkins, bot, user, answer, target, reading)
    if target.kind != "question":
        if text.strip() in SCORES:
            await steps.record_score(
                checkins, bot, user, target, int(text.strip()), message_id=message_id
            )
            return None
        # Words typed while a scale waits belong to the check-in's last question.
        question = await progress.last_question(checkins, target.checkin_id)
        if question is None:
            return "answer.tap_scale"
        target = question
    return await _answer(checkins, bot, user, Written(target, message_id, text), reading)


SCORES = frozenset("12345")  # a scale's score, typed instead of tapped


async def _answer(
    checkins: Checkins, bot: Bot, user: User, answer: Written, reading: Reading
) -> Reply:
    """Heavy words answered first; then the guard's question, or the answer stored."""
    paused = await pause.care_for(checkins, bot, user, answer.step, reading)
    if findings := privacy_guard.scan(answer.text):
        await hold_for_guard(checkins, bot, user, answer, findings)
        return None
    reply = await store_answer(checkins, bot, user, answer, hold=paused or None)
    return None if paused else reply


async def _answer_seen_then_ask(
    checkins: Checkins, bot: Bot, user: User, answer: Written, unsent: Step, reading: Reading
) -> Reply:
    """The open step never reached the user: their words belong to the question they last
    saw (the answer's step), and the open step is asked after that (not while the check-in
    waits)."""
    paused = await pause.care_for(checkins, bot, user, answer.step, reading)
    waits = paused or unsent.care_mark == "paused"
    if findings := privacy_guard.scan(answer.text):
        await hold_for_guard(checkins, bot, user, answer, findings)
    else:
        stored = await store_answer(checkins, bot, user, answer, hold=waits)
        if stored is not None and not paused:
            key = "care.crisis.held" if waits else "answer.added_earlier"
            await send(bot, user.chat_id, checkins.texts.text(user.language, key), html=False)
    if not waits:
        await steps.send_step(checkins, bot, user, unsent)
    return None


async def store_answer(
    checkins: Checkins, bot: Bot, user: User, answer: Written, *, hold: bool | None = None
) -> Reply:
    """Store an answer (`hold`: see answering.store_answer); when it was the open question,
    ask the next step.

    The answered question keeps its skip button: taking it off was a second Telegram call
    for every typed answer (about a seventh of an answer's CPU, and a call more against the
    bot's rate). A tap on it later is told the question is done, and then it goes
    (dialog.step_tapped)."""
    stored = await answering.store_answer(checkins, user, answer, hold=hold)
    if stored.advance:
        await steps.advance(checkins, bot, user, answer.step.checkin_id, opened=stored.opened)
    return stored.reply


async def hold_for_guard(
    checkins: Checkins,
    bot: Bot,
    user: User,
    answer: Written,
    findings: list[Finding],
    *,
    is_edit: bool = False,
) -> None:
    """Hold an answer back and ask: store it masked, as written, or rewrite it."""
    await answering.hold_answer(checkins, user, answer, findings, is_edit=is_edit)
    texts, lang, message_id = checkins.texts, user.language, answer.message_id
    await send(
        bot,
        user.chat_id,
        guard_question(texts, lang, answer.text, findings),
        render.guard_keyboard(texts, lang, message_id),
        reply_parameters=ReplyParameters(message_id, allow_sending_without_reply=True),
    )


async def receive_edit(
    checkins: Checkins, bot: Bot, user: User, *, message_id: int, text: str
) -> bool:
    """An edited message: a stored answer follows the edit (through the guard); True if used."""
    edited = await answering.edit_of(checkins, user, message_id)
    if isinstance(edited, Rewritten):
        # The user fixed a message the guard held back: treat the edit as the answer.
        if edited.step is not None:
            answer = Written(edited.step, message_id, text)
            await _answer(checkins, bot, user, answer, read_distress(text))  # no word back
        return True
    if edited is None:
        return False  # not an answer (a command, or erased data): nothing to follow
    reading = read_distress(text)
    if reading.concern == "self":  # the lines, without pausing a check-in that moved on
        await pause.care_for(checkins, bot, user, None, reading)
        await progress.mark_care(checkins, edited.checkin_id, "self")
    else:
        await pause.care_for(checkins, bot, user, edited, reading)
    if findings := privacy_guard.scan(text):
        answer = Written(edited, message_id, text)
        await hold_for_guard(checkins, bot, user, answer, findings, is_edit=True)
        return True
    return await answering.edit_answer(checkins, user, message_id, text)


async def resolve_guard(checkins: Checkins, bot: Bot, user: User, choice: GuardChoice) -> str:
    """Carry out the user's choice for a held-back answer; returns the outcome's text key."""
    outcome = await answering.resolve_guard(checkins, user, choice)
    if outcome.answer is not None:
        reply = await store_answer(checkins, bot, user, outcome.answer)
        if reply is not None:
            await send(bot, user.chat_id, checkins.texts.text(user.language, reply), html=False)
    return outcome.key


async def _stored_before(checkins: Checkins, bot: Bot, user: User, message_id: int) -> bool:
    """A message whose answer is stored already (replayed after a crash): it is done, and
    what its check-in still waited for comes now, late rather than never."""
    replayed = await answering.stored_before(checkins, user, message_id)
    if replayed is None:
        return False
    if replayed.resend is not None:
        await steps.send_step(checkins, bot, user, replayed.resend)
    elif replayed.advance is not None:
        await steps.advance(checkins, bot, user, replayed.advance)
    return True
