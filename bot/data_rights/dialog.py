"""The practitioner's rights over their data in the chat: the export as files, undo, and the
confirmed erase. What is decided and carried out is service.py; the operator's command writes
the export with bot.data_rights.export.safe_dir.
"""

from __future__ import annotations

from html import escape

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.account import service as accounts
from bot.core.replies import Screen, acknowledge, edit, preparing_file, say, send, send_file
from bot.core.services import Services
from bot.data_rights import service
from bot.data_rights.callbacks import CONFIRM, Confirm
from bot.data_rights.export import exceeds_upload_limit
from storage import User


async def send_export(services: Services, bot: Bot, user: User) -> None:
    """/export: the whole history as files in the chat (one zip when large)."""
    await preparing_file(bot, user.chat_id)
    files = await service.export(services, user)
    if exceeds_upload_limit(files):
        size = round(sum(len(f.data) for f in files) / 1e6)
        await say(services, bot, user, "export.too_large", size=size)
        return
    key = "export.caption_archive" if len(files) == 1 else "export.caption"
    for position, file in enumerate(files):
        caption = services.texts.text(user.language, key) if position == 0 else None
        await send_file(bot, user.chat_id, file.data, file.name, caption)


async def undo_last(services: Services, bot: Bot, user: User) -> None:
    """/undo: remove the last stored answer (Telegram cannot edit a message to empty)."""
    preview = await service.undo_last(services, user)
    if preview is None:
        await say(services, bot, user, "undo.nothing")
        return
    await say(services, bot, user, "undo.done", preview=escape(preview))


async def ask_delete(services: Services, bot: Bot, user: User) -> None:
    """/delete: say exactly what will be erased and ask for a confirming tap."""
    texts, lang = services.texts, user.language
    answers = await service.answer_count(services, user)
    keyboard = InlineKeyboardMarkup(
        [
            [_button(texts.text(lang, "delete.yes"), Confirm("delete", True))],
            [_button(texts.text(lang, "delete.no"), Confirm("delete", False))],
        ]
    )
    await send(bot, user.chat_id, texts.text(lang, "delete.ask", answers=answers), keyboard)


async def confirm_delete(
    services: Services, query: CallbackQuery, sender_id: int, payload: Confirm | None
) -> None:
    """The yes/no tap under /delete: erase everything, or keep it."""
    # Look the user up without registering: after an erase nothing may be recreated.
    user = await accounts.known_user(services, sender_id)
    lang = user.language if user else services.settings.default_language
    if user is None or payload is None:
        await acknowledge(query, services.texts.text(lang, "errors.expired"))
        return
    await acknowledge(query)
    if not payload.yes:
        await edit(query, Screen(services.texts.text(lang, "delete.kept")), html=False)
        return
    # The rows are gone; say so only as far as it is true of the files on disk too.
    done = "delete.done" if await service.erase(services, user) else "delete.done_pending"
    await edit(query, Screen(services.texts.text(lang, done)), html=False)


def _button(label: str, payload: Confirm) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=CONFIRM.encode(payload))
