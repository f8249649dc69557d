"""Small helpers every handler uses: who is talking, and answering in their language."""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.account import flow as accounts
from bot.account.parsing import language_from_telegram
from bot.core.services import SherpaContext
from storage import User


async def current_user(update: Update, context: SherpaContext) -> tuple[User, bool]:
    """The sender as a stored user (created on first contact) and whether they are new."""
    tg_user, chat = update.effective_user, update.effective_chat
    assert tg_user is not None and chat is not None
    services = context.services
    language = language_from_telegram(tg_user.language_code, services.settings.default_language)
    return await accounts.register(services, user_id=tg_user.id, chat_id=chat.id, language=language)


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button tap; a tap too old to answer (queued while the bot was down) still counts."""
    try:
        await query.answer(text)
    except BadRequest as error:
        if (
            "query is too old" not in error.message
            and "query id is invalid" not in error.message.lower()
        ):
            raise


async def say(
    update: Update, context: SherpaContext, user: User, key: str, **values: object
) -> None:
    """Reply with one catalog message in the user's language."""
    text = context.services.texts.text(user.language, key, **values)
    await context.bot.send_message(user.chat_id, text, parse_mode=ParseMode.HTML)
