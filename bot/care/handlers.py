"""/steun and /support: the support ladder, any time."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode

from bot.care.ladder import ladder
from bot.core.replies import current_user
from bot.core.services import SherpaContext


async def support_command(update: Update, context: SherpaContext) -> None:
    """/steun, /support: who can help, with the helplines of the user's country."""
    user, _ = await current_user(update, context)
    text = ladder(context.services.texts, user.language, user.timezone)
    await context.bot.send_message(user.chat_id, text, parse_mode=ParseMode.HTML)
