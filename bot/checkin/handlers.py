"""/today, typed answers, edited answers and the scale and skip buttons."""

from __future__ import annotations

import logging

from telegram import ReactionTypeEmoji, Update
from telegram.error import TelegramError

from bot.account.handlers import start, typed_setup_value
from bot.checkin import answers
from bot.checkin import flow as checkin_flow
from bot.core.callbacks import GuardChoice, ScaleAnswer, SkipStep, decode
from bot.core.replies import acknowledge, current_user, say
from bot.core.services import SherpaContext

log = logging.getLogger(__name__)


async def today(update: Update, context: SherpaContext) -> None:
    """/today: today's check-in now, or the question still open."""
    user, _ = await current_user(update, context)
    outcome = await checkin_flow.start_now(context.services, context.runtime, context.bot, user)
    if outcome == "done_today":
        await say(update, context, user, "checkin.done_today")


async def text_answer(update: Update, context: SherpaContext) -> None:
    """A typed message: a setup value during onboarding, otherwise an answer."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user, new = await current_user(update, context)
    if new:  # someone who never pressed /start: begin with the welcome
        await start(update, context)
        return
    if not user.onboarded and await typed_setup_value(update, context, user, message.text):
        return
    reply = await answers.receive_text(
        context.services,
        context.bot,
        user,
        message_id=message.message_id,
        text=message.text,
        reply_to=message.reply_to_message.message_id if message.reply_to_message else None,
    )
    if reply is not None:
        await say(update, context, user, reply)


async def edited_answer(update: Update, context: SherpaContext) -> None:
    """An edited message: the stored answer follows the edit."""
    message = update.edited_message
    assert message is not None and message.text is not None and message.from_user is not None
    user = await context.services.storage.users.get(message.from_user.id)
    if user is None:
        return  # someone unknown (or erased) editing an old message: nothing to follow
    used = await answers.receive_edit(
        context.services, context.bot, user, message_id=message.message_id, text=message.text
    )
    if not used:
        return
    try:  # a quiet sign that the edit was taken along
        await message.set_reaction(ReactionTypeEmoji("👌"))
    except TelegramError as error:
        log.info("could not react to an edit: %s", error.message)


async def step_button(update: Update, context: SherpaContext) -> None:
    """A tap on 1–5 or skip under a check-in step."""
    query = update.callback_query
    assert query is not None
    payload = decode(query.data)
    user, _ = await current_user(update, context)
    services = context.services
    step_id = payload.step_id if isinstance(payload, ScaleAnswer | SkipStep) else None
    step = await services.storage.checkins.step(step_id) if step_id is not None else None
    # Someone else's step (forged data) looks exactly like an expired one.
    forged_scale = isinstance(payload, ScaleAnswer) and step is not None and step.kind == "question"
    if step is None or step.user_id != user.user_id or step.state != "open" or forged_scale:
        await acknowledge(query, services.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    if isinstance(payload, ScaleAnswer):
        await checkin_flow.record_score(services, context.bot, user, step, payload.score)
    else:
        await checkin_flow.skip(services, context.bot, user, step)


async def guard_button(update: Update, context: SherpaContext) -> None:
    """A choice on a held-back answer: store it masked, as written, or rewrite it."""
    query = update.callback_query
    assert query is not None
    payload = decode(query.data)
    user, _ = await current_user(update, context)
    services = context.services
    if not isinstance(payload, GuardChoice):
        await acknowledge(query, services.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    outcome = await answers.resolve_guard(services, context.bot, user, payload)
    try:
        await query.edit_message_text(services.texts.text(user.language, outcome))
    except TelegramError as error:
        log.info("could not close the guard question: %s", error.message)
