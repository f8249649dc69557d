"""What the apology after a failed update can truthfully say: stored or not, and what to do."""

from __future__ import annotations

import logging

from telegram import Bot, Update

from bot.core.replies import send
from bot.core.services import Services
from bot.privacy_guard.callbacks import GUARD
from storage import Storage

log = logging.getLogger(__name__)


async def apology_key(storage: Storage, user_id: int, update: Update, full: bool) -> str:
    """The catalog key of the apology for an update whose handling failed.

    Looked up in the database, not guessed: an answer (a typed message, or a tap on the
    guard's question) is "stored" only if it is there now. Anything else (a command, another
    button) changed nothing the user wrote.
    """
    message_id, is_edit = _answer_message(update)
    if message_id is None:
        return "apology.full" if full else "apology.other"
    step = await storage.checkins.step_of_answer(user_id, message_id)
    if is_edit and step is not None:
        edited = update.edited_message.text if update.edited_message else None
        answers = await storage.checkins.answers(step.id)
        current = next((a.text for a in answers if a.message_id == message_id), None)
        return "apology.stored" if current == edited else "apology.edit_not_stored"
    if step is not None:
        return "apology.stored"
    return "apology.not_stored_full" if full else "apology.not_stored"


def _answer_message(update: Update) -> tuple[int | None, bool]:
    """The user's message the update tries to store as an answer, and whether it is an edit."""
    if update.edited_message is not None and update.edited_message.text:
        return update.edited_message.message_id, True
    message = update.message
    if message is not None and message.text and not message.text.startswith("/"):
        return message.message_id, False
    query = update.callback_query
    if query is not None and (choice := GUARD.decode(query.data)) is not None:
        return (None, False) if choice.choice == "rewrite" else (choice.message_id, False)
    return None, False


async def apologise(services: Services, bot: Bot, update: Update, full: bool) -> None:
    """Send the apology in the sender's language; a database that cannot even be read gets
    "we cannot tell", and an apology that cannot be sent is only logged."""
    assert update.effective_chat is not None
    sender = update.effective_user
    lang: str = services.settings.default_language
    key = "apology.unknown"
    try:
        # Look the sender up without registering: the failure may follow an erase (/delete).
        user = await services.storage.users.get(sender.id) if sender else None
        lang = user.language if user else lang
        if sender is not None:
            key = await apology_key(services.storage, sender.id, update, full)
    except Exception:  # the database cannot even be read: say we cannot tell
        log.warning("could not check what update %s stored", update.update_id)
    try:
        apology = services.texts.text(lang, key)
        await send(bot, update.effective_chat.id, apology, html=False)
    except Exception:  # the apology itself failed (e.g. Telegram is down): already logged
        log.warning("could not send an apology for update %s", update.update_id)
