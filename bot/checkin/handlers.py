"""/today, typed answers, edited answers and the scale and skip buttons."""

from __future__ import annotations

from telegram import Update

from bot.account import dialog as setup
from bot.account import service as accounts
from bot.account.service import Accounts
from bot.care.callbacks import CARE
from bot.checkin import dialog
from bot.checkin.callbacks import SCALE, SKIP
from bot.checkin.service import Checkins
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.privacy_guard.callbacks import GUARD


async def today(update: Update, context: SherpaContext) -> None:
    """/today: today's check-in now, or the question still open."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.today(context.part(Checkins), context.runtime, context.bot, user)


async def text_answer(update: Update, context: SherpaContext) -> None:
    """A typed message: a setup value during onboarding, otherwise an answer."""
    message = update.effective_message
    assert message is not None and message.text is not None
    people = context.part(Accounts)
    user, new, person = await accounts.current_person(
        people, Sender.of(update), message.message_id
    )
    bot = context.bot
    if new:  # someone who never pressed /start: begin with the welcome
        await setup.start(people, bot, user, invited=False)
        return
    if not user.onboarded and await setup.typed_value(people, bot, user, message.text):
        return
    await dialog.typed_answer(context.part(Checkins), bot, user, message, person)


async def edited_answer(update: Update, context: SherpaContext) -> None:
    """An edited message: the stored answer follows the edit."""
    message = update.edited_message
    assert message is not None and message.from_user is not None
    user = await accounts.known_user(context.part(Accounts), message.from_user.id)
    await dialog.edited_answer(context.part(Checkins), context.bot, message, user)


async def step_button(update: Update, context: SherpaContext) -> None:
    """A tap on 1–5 or skip under a check-in step."""
    query = update.callback_query
    assert query is not None
    step = SCALE.decode(query.data) or SKIP.decode(query.data)
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.step_tapped(context.part(Checkins), context.bot, query, user, step)


async def guard_button(update: Update, context: SherpaContext) -> None:
    """A choice on a held-back answer: store it masked, as written, or rewrite it."""
    query = update.callback_query
    assert query is not None
    choice = GUARD.decode(query.data)
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.guard_tapped(context.part(Checkins), context.bot, query, user, choice)


async def care_button(update: Update, context: SherpaContext) -> None:
    """After heavy words: stop the check-in here, or go on."""
    query = update.callback_query
    assert query is not None
    choice = CARE.decode(query.data)
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.care_tapped(context.part(Checkins), context.bot, query, user, choice)
