"""Who sent an update: the stored user, created on first contact."""

from __future__ import annotations

from telegram import Update

from bot.account import service as accounts
from bot.account.parsing import language_from_telegram
from bot.core.services import SherpaContext
from storage import Person, User


async def current_user(update: Update, context: SherpaContext) -> tuple[User, bool]:
    """The sender as a stored user (created on first contact) and whether they are new."""
    tg_user, chat = update.effective_user, update.effective_chat
    assert tg_user is not None and chat is not None
    services = context.services
    language = language_from_telegram(tg_user.language_code, services.settings.default_language)
    return await accounts.register(services, user_id=tg_user.id, chat_id=chat.id, language=language)


async def current_person(
    update: Update, context: SherpaContext, message_id: int
) -> tuple[User, bool, Person | None]:
    """The sender as `current_user` gives them, with their open step and whether this message
    is stored already, in one query; no Person when they were created or changed now."""
    tg_user, chat = update.effective_user, update.effective_chat
    assert tg_user is not None and chat is not None
    person = await context.services.storage.users.person(tg_user.id, message_id)
    user = person.user
    if user is None or user.chat_id != chat.id or not user.active:
        registered, new = await current_user(update, context)
        return registered, new, None
    return user, False, person
