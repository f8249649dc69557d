"""/steun and /support: the support ladder, any time."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.account.service import Accounts
from bot.care.dialog import show_ladder
from bot.care.service import Care
from bot.core.sender import Sender
from bot.core.services import SherpaContext


async def support_command(update: Update, context: SherpaContext) -> None:
    """/steun, /support: who can help, with the helplines of the user's country."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await show_ladder(context.part(Care), context.bot, user)
