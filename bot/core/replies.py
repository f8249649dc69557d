"""The one outlet every flow replies through (send, say, edit, acknowledge), and who is talking.

Handlers never build or send messages: they read the update and call one flow function of
their feature; the flow sends through these few functions, so every message goes out alike.

A text is sent, and a message's buttons taken off, without PTB turning Telegram's answer into
a Message (Message.de_json, about a tenth of a polling answer's CPU for these two calls): the
call goes through the bot's own `_post`, so the form, the Defaults, the rate limiter and the
errors are PTB's as before, and only the message's id is read off the answer (`Sent`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    ReactionTypeEmoji,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.core.texts import Catalog
from storage import User

log = logging.getLogger(__name__)


class SentQuietly(Exception):
    """A message about something private (heavy words) could not be sent. The error handler
    logs it without a traceback: the code path alone would tell what it was about."""


@dataclass(frozen=True, slots=True)
class Sent:
    """A message sent: where, and its id (all a flow reads of it)."""

    chat_id: int
    message_id: int


@dataclass(frozen=True)
class Screen:
    """A message to show: HTML text and its buttons."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


async def send(
    bot: Bot,
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    html: bool = True,
    **options: Any,
) -> Sent:
    """One message, HTML unless `html=False` (then Telegram shows the text as written)."""
    parse_mode = ParseMode.HTML if html else None
    if options:  # PTB's own method sorts out what is a parameter and what a timeout
        message = await bot.send_message(
            chat_id, text, parse_mode=parse_mode, reply_markup=keyboard, **options
        )
        return Sent(message.chat_id, message.message_id)
    data = {"chat_id": chat_id, "text": text, "parse_mode": parse_mode, "reply_markup": keyboard}
    result = await bot._post("sendMessage", data)  # the answer as sent: no Message made of it
    return Sent(chat_id, int(result["message_id"]))


async def send_file(
    bot: Bot, chat_id: int, data: bytes, name: str, caption: str | None = None
) -> Message:
    """One file (an export, a PDF), with an optional plain caption."""
    return await bot.send_document(chat_id, InputFile(data, filename=name), caption=caption)


async def send_picture(bot: Bot, chat_id: int, png: bytes, name: str, caption: str) -> Message:
    """One picture with its caption."""
    return await bot.send_photo(chat_id, InputFile(png, filename=name), caption=caption)


async def preparing_file(bot: Bot, chat_id: int) -> None:
    """Show "sending a file…" while a file is made (it takes a moment)."""
    await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)


async def retouch(bot: Bot, chat_id: int, message_id: int | None, text: str | None = None) -> None:
    """Take the buttons off a sent message, and with `text` show that text in it instead.

    Cosmetic: the message may be gone or unchanged, so a failure is only logged."""
    if message_id is None:
        return
    try:
        if text is None:  # without reply_markup, Telegram removes the keyboard
            # bot.edit_message_reply_markup, without a Message made of the answer
            where = {"chat_id": chat_id, "message_id": message_id}
            await bot._post("editMessageReplyMarkup", where)
        else:
            await bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
            )
    except TelegramError as error:
        log.info("could not retouch a sent message: %s", error.message)


async def show(bot: Bot, chat_id: int, screen: Screen) -> Sent:
    """A screen as a new message."""
    return await send(bot, chat_id, screen.text, screen.keyboard)


async def say(texts: Catalog, bot: Bot, user: User, key: str, **values: object) -> Sent:
    """One catalog message in the user's language."""
    return await send(bot, user.chat_id, texts.text(user.language, key, **values))


async def edit(query: CallbackQuery, screen: Screen, *, html: bool = True) -> None:
    """Show a screen in the tapped message; the same screen again is no error."""
    try:
        await query.edit_message_text(
            screen.text,
            parse_mode=ParseMode.HTML if html else None,
            reply_markup=screen.keyboard,
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def react(message: Message, emoji: str) -> None:
    """A quiet sign on the user's own message (cosmetic: a failure is only logged)."""
    try:
        await message.set_reaction(ReactionTypeEmoji(emoji))
    except TelegramError as error:
        log.info("could not react to a message: %s", error.message)


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
