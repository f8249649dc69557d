"""/verrekijker and the buttons on it: zoom in and out, move between weeks."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.core.callbacks import VerrekijkerView, decode
from bot.core.replies import acknowledge, current_user
from bot.core.services import SherpaContext
from bot.verrekijker import flow as weekly


async def verrekijker(update: Update, context: SherpaContext) -> None:
    """/verrekijker: this week through the binoculars, with the picture."""
    user, _ = await current_user(update, context)
    services = context.services
    week = weekly.current_week(services, user)
    await weekly.send_verrekijker(services, context.runtime, context.bot, user, week)


async def view_button(update: Update, context: SherpaContext) -> None:
    """A tap on zoom in / zoom out / previous / next: edit the same message.

    Views are computed from the tapping user's own data only, so an old or forged button
    can at most show their own weeks; a week in the future is refused politely.
    """
    query = update.callback_query
    assert query is not None
    payload = decode(query.data)
    user, _ = await current_user(update, context)
    services = context.services
    if not isinstance(payload, VerrekijkerView) or payload.week > weekly.current_week(
        services, user
    ):
        await acknowledge(query, services.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    text = await weekly.view_text(services, user, payload.view, payload.week)
    try:
        await query.edit_message_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=weekly.keyboard(services, user, payload.view, payload.week),
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise
