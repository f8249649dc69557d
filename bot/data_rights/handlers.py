"""/export and /delete: the practitioner's data is theirs to take along or erase."""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatAction, ParseMode

from bot.core.callbacks import Confirm, decode, encode
from bot.core.replies import acknowledge, current_user, say
from bot.core.services import SherpaContext
from bot.data_rights.export import exceeds_upload_limit
from bot.data_rights.flow import build_export

log = logging.getLogger(__name__)


async def export_command(update: Update, context: SherpaContext) -> None:
    """/export: the whole history as files in the chat (one zip when large)."""
    user, _ = await current_user(update, context)
    services = context.services
    await context.bot.send_chat_action(user.chat_id, ChatAction.UPLOAD_DOCUMENT)
    files = await build_export(
        services.storage, services.content, services.texts, user, services.clock.now()
    )
    if exceeds_upload_limit(files):
        size = round(sum(len(f.data) for f in files) / 1e6)
        await say(update, context, user, "export.too_large", size=size)
        return
    key = "export.caption_archive" if len(files) == 1 else "export.caption"
    for position, file in enumerate(files):
        await context.bot.send_document(
            user.chat_id,
            InputFile(file.data, filename=file.name),
            caption=services.texts.text(user.language, key) if position == 0 else None,
        )


async def undo(update: Update, context: SherpaContext) -> None:
    """/undo: remove the last stored answer (Telegram cannot edit a message to empty)."""
    user, _ = await current_user(update, context)
    removed = await context.services.storage.checkins.delete_last_answer(user.user_id)
    if removed is None:
        await say(update, context, user, "undo.nothing")
        return
    preview = removed if len(removed) <= 60 else removed[:59].rstrip() + "…"
    await say(update, context, user, "undo.done", preview=escape(preview))


async def delete_command(update: Update, context: SherpaContext) -> None:
    """/delete: say exactly what will be erased and ask for a confirming tap."""
    user, _ = await current_user(update, context)
    services = context.services
    texts, lang = services.texts, user.language
    answers = await services.storage.checkins.count_answers(user.user_id)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.text(lang, "delete.yes"), callback_data=encode(Confirm("delete", True))
                )
            ],
            [
                InlineKeyboardButton(
                    texts.text(lang, "delete.no"), callback_data=encode(Confirm("delete", False))
                )
            ],
        ]
    )
    await context.bot.send_message(
        user.chat_id,
        texts.text(lang, "delete.ask", answers=answers),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )


async def confirm_button(update: Update, context: SherpaContext) -> None:
    """The yes/no tap under /delete."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    payload = decode(query.data)
    services = context.services
    # Look the user up without registering: after an erase nothing may be recreated.
    user = await services.storage.users.get(query.from_user.id)
    lang = user.language if user else services.settings.default_language
    if user is None or not isinstance(payload, Confirm):
        await acknowledge(query, services.texts.text(lang, "errors.expired"))
        return
    await acknowledge(query)
    if not payload.yes:
        await query.edit_message_text(services.texts.text(lang, "delete.kept"))
        return
    await services.storage.users.delete(user.user_id)
    log.info("user %s erased their data", user.user_id)
    # The rows are gone; say so only as far as it is true of the files on disk too.
    done = "delete.done_pending" if services.storage.erase_trace_pending else "delete.done"
    await query.edit_message_text(services.texts.text(lang, done))


def _button(label: str, payload: Confirm) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(payload))
