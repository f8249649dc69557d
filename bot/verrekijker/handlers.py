"""/verrekijker and the buttons on it: zoom in and out, move between weeks."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.account.service import Accounts
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.verrekijker import dialog as weekly
from bot.verrekijker.callbacks import VIEW
from bot.verrekijker.service import Verrekijker


async def verrekijker(update: Update, context: SherpaContext) -> None:
    """/verrekijker: this week through the binoculars, with the picture."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await weekly.send_this_week(context.part(Verrekijker), context.runtime, context.bot, user)


async def view_button(update: Update, context: SherpaContext) -> None:
    """A tap on zoom in / zoom out / previous / next: edit the same message."""
    query = update.callback_query
    assert query is not None
    view = VIEW.decode(query.data)
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await weekly.show_view(context.part(Verrekijker), query, user, view)
