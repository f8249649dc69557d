"""/supervisie (/supervision), /ster (/star) and the period buttons: PTB glue only."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.account.service import Accounts
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.supervision import dialog
from bot.supervision.callbacks import PERIOD
from bot.supervision.service import Supervision


async def supervision_command(update: Update, context: SherpaContext) -> None:
    """/supervisie [weeks]: her own words of a period as a PDF for supervision."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    argument = " ".join(context.args or ())
    await dialog.ask_period(context.part(Supervision), context.bot, user, argument)


async def star_command(update: Update, context: SherpaContext) -> None:
    """/ster: star her last answer, or the answer she replied to with it; again: unstar."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    message = update.effective_message
    replied = message.reply_to_message if message is not None else None
    replied_to = replied.message_id if replied else None
    await dialog.star(context.part(Supervision), context.bot, user, replied_to)


async def period_button(update: Update, context: SherpaContext) -> None:
    """A tap on a period, or on all answers / only the starred ones."""
    query = update.callback_query
    assert query is not None
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    choice = PERIOD.decode(query.data)
    await dialog.choose(context.part(Supervision), context.bot, query, user, choice)
