"""The practitioner's rights over their data in the chat: the export as files, undo, and the
confirmed erase. What is decided and carried out is service.py, reached through `DataRights`,
the feature bound once to what it needs; the operator's command writes the export with
bot.data_rights.export.safe_dir.
"""

from __future__ import annotations

from html import escape

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.replies import Screen, acknowledge, edit, preparing_file, send, send_file
from bot.data_rights.callbacks import CONFIRM, Confirm
from bot.data_rights.export import exceeds_upload_limit
from bot.data_rights.service import DataRights
from storage import User


async def send_export(rights: DataRights, bot: Bot, user: User) -> None:
    """/export: the whole history as files in the chat (one zip when large)."""
    texts, lang = rights.texts, user.language
    await preparing_file(bot, user.chat_id)
    files = await rights.export(user)
    if exceeds_upload_limit(files):
        size = round(sum(len(f.data) for f in files) / 1e6)
        await send(bot, user.chat_id, texts.text(lang, "export.too_large", size=size))
        return
    key = "export.caption_archive" if len(files) == 1 else "export.caption"
    for position, file in enumerate(files):
        caption = texts.text(lang, key) if position == 0 else None
        await send_file(bot, user.chat_id, file.data, file.name, caption)


async def undo_last(rights: DataRights, bot: Bot, user: User) -> None:
    """/undo: remove the last stored answer (Telegram cannot edit a message to empty)."""
    texts, lang = rights.texts, user.language
    preview = await rights.undo_last(user)
    if preview is None:
        await send(bot, user.chat_id, texts.text(lang, "undo.nothing"))
        return
    await send(bot, user.chat_id, texts.text(lang, "undo.done", preview=escape(preview)))


async def ask_delete(rights: DataRights, bot: Bot, user: User) -> None:
    """/delete: say exactly what will be erased and ask for a confirming tap."""
    texts, lang = rights.texts, user.language
    answers = await rights.answer_count(user)
    keyboard = InlineKeyboardMarkup(
        [
            [_button(texts.text(lang, "delete.yes"), Confirm("delete", True))],
            [_button(texts.text(lang, "delete.no"), Confirm("delete", False))],
        ]
    )
    await send(bot, user.chat_id, texts.text(lang, "delete.ask", answers=answers), keyboard)


async def confirm_delete(
    rights: DataRights, query: CallbackQuery, user: User | None, payload: Confirm | None
) -> None:
    """The yes/no tap under /delete: erase everything, or keep it. `user`: the tapper as
    stored, looked up without registering (after an erase nothing may be recreated)."""
    texts = rights.texts
    lang = user.language if user else rights.default_language
    if user is None or payload is None:
        await acknowledge(query, texts.text(lang, "errors.expired"))
        return
    await acknowledge(query)
    if not payload.yes:
        await edit(query, Screen(texts.text(lang, "delete.kept")), html=False)
        return
    # The rows are gone; say so only as far as it is true of the files on disk too.
    done = "delete.done" if await rights.erase(user) else "delete.done_pending"
    await edit(query, Screen(texts.text(lang, done)), html=False)


def _button(label: str, payload: Confirm) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=CONFIRM.encode(payload))
