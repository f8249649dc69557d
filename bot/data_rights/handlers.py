"""/export, /undo and /delete: the practitioner's data is theirs to take along or erase."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.account.service import Accounts
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.data_rights import dialog
from bot.data_rights.callbacks import CONFIRM
from bot.data_rights.service import DataRights


async def export_command(update: Update, context: SherpaContext) -> None:
    """/export: the whole history as files in the chat (one zip when large)."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.send_export(context.part(DataRights), context.bot, user)


async def undo(update: Update, context: SherpaContext) -> None:
    """/undo: remove the last stored answer (Telegram cannot edit a message to empty)."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.undo_last(context.part(DataRights), context.bot, user)


async def delete_command(update: Update, context: SherpaContext) -> None:
    """/delete: say exactly what will be erased and ask for a confirming tap."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.ask_delete(context.part(DataRights), context.bot, user)


async def confirm_button(update: Update, context: SherpaContext) -> None:
    """The yes/no tap under /delete (the sender is looked up, never registered)."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    confirm = CONFIRM.decode(query.data)
    # Look the user up without registering: after an erase nothing may be recreated.
    user = await accounts.known_user(context.part(Accounts), query.from_user.id)
    await dialog.confirm_delete(context.part(DataRights), query, user, confirm)
