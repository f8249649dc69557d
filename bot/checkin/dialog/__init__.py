"""The check-in's dialog: the only part of the check-in that talks to Telegram.

Here each function carries out one request and replies (/today, a typed or edited answer,
its buttons); `steps` asks the steps and closes a check-in, `answers` takes answers in
through the guard, `pause` answers heavy words. They act on what the service decides.
"""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, Message
from telegram.error import TelegramError

from bot.care.callbacks import CareChoice
from bot.checkin import progress, service
from bot.checkin.callbacks import ScaleAnswer, SkipStep
from bot.checkin.dialog import answers, pause, steps
from bot.checkin.service import Checkins
from bot.core.replies import Screen, acknowledge, edit, react, retouch, say
from bot.core.runtime import Runtime
from bot.privacy_guard.callbacks import GuardChoice
from storage import Person, User

log = logging.getLogger(__name__)


async def today(checkins: Checkins, runtime: Runtime, bot: Bot, user: User) -> None:
    """/today: today's check-in now, or the question still open."""
    if await steps.start_now(checkins, runtime, bot, user) == "done_today":
        await say(checkins.texts, bot, user, "checkin.done_today")


async def typed_answer(
    checkins: Checkins, bot: Bot, user: User, message: Message, person: Person | None = None
) -> None:
    """A typed message: stored as the answer it belongs to, with a word back when needed.

    `person`: the sender's state read with the user, in this handling (one query)."""
    assert message.text is not None  # the handler's filter lets only text through
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    reply = await answers.receive_text(
        checkins,
        bot,
        user,
        message_id=message.message_id,
        text=message.text,
        reply_to=reply_to,
        person=person,
    )
    if reply is not None:
        await say(checkins.texts, bot, user, reply)


async def edited_answer(checkins: Checkins, bot: Bot, message: Message, user: User | None) -> None:
    """An edited message of `user` (None: not known): the stored answer follows the edit,
    with a quiet sign."""
    if user is None or message.text is None:
        return  # someone unknown (or erased) editing an old message: nothing to follow
    used = await answers.receive_edit(
        checkins, bot, user, message_id=message.message_id, text=message.text
    )
    if used:
        await react(message, "👌")


async def step_tapped(
    checkins: Checkins,
    bot: Bot,
    query: CallbackQuery,
    user: User,
    payload: ScaleAnswer | SkipStep | None,
) -> None:
    """A tap on 1–5 or skip under a check-in step."""
    step = await progress.tapped_step(checkins, user, payload)
    if step is None:
        await acknowledge(query, checkins.texts.text(user.language, "errors.expired"))
        # An answered question keeps its skip button (answers.store_answer): once tapped,
        # it goes.
        if query.message is not None:
            await retouch(bot, query.message.chat.id, query.message.message_id)
        return
    await acknowledge(query)
    if isinstance(payload, ScaleAnswer):
        await steps.record_score(checkins, bot, user, step, payload.score)
    else:
        await steps.skip(checkins, bot, user, step)


async def guard_tapped(
    checkins: Checkins, bot: Bot, query: CallbackQuery, user: User, payload: GuardChoice | None
) -> None:
    """A choice on a held-back answer: store it masked, as written, or rewrite it."""
    if payload is None:
        await acknowledge(query, checkins.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    outcome = await answers.resolve_guard(checkins, bot, user, payload)
    try:
        await edit(query, Screen(checkins.texts.text(user.language, outcome)), html=False)
    except TelegramError as error:
        log.info("could not close the guard question: %s", error.message)


async def care_tapped(
    checkins: Checkins, bot: Bot, query: CallbackQuery, user: User, payload: CareChoice | None
) -> None:
    """After heavy words: stop here or go on. The buttons go; the lines above them stay."""
    outcome = None if payload is None else await pause.choose(checkins, bot, user, payload)
    if payload is None or outcome == "errors.expired":
        await acknowledge(query, checkins.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    await retouch(bot, user.chat_id, query.message.message_id if query.message else None)
    if outcome is not None:
        await say(checkins.texts, bot, user, outcome)


async def start_talk(checkins: Checkins, bot: Bot, user: User) -> None:
    """After the scheduled verrekijker: the weekly talk's first question (once a day)."""
    talk = await service.weekly_talk(checkins, user)
    if talk is not None:
        await steps.deliver(checkins, bot, user, talk)
