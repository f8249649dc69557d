"""/supervisie (/supervision), /ster (/star) and the period buttons: PTB glue only."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.supervision import dialog
from bot.supervision.callbacks import PERIOD


async def supervision_command(update: Update, context: SherpaContext) -> None:
    """/supervisie [weeks]: her own words of a period as a PDF for supervision."""
    user, _ = await accounts.current_user(context.services, Sender.of(update))
    await dialog.ask_period(context.services, context.bot, user, " ".join(context.args or ()))


async def star_command(update: Update, context: SherpaContext) -> None:
    """/ster: star her last answer, or the answer she replied to with it; again: unstar."""
    user, _ = await accounts.current_user(context.services, Sender.of(update))
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    await dialog.star(context.services, context.bot, user, replied.message_id if replied else None)


async def period_button(update: Update, context: SherpaContext) -> None:
    """A tap on a period, or on all answers / only the starred ones."""
    query = update.callback_query
    assert query is not None
    user, _ = await accounts.current_user(context.services, Sender.of(update))
    await dialog.choose(context.services, context.bot, query, user, PERIOD.decode(query.data))
