"""/help, unknown commands, things that are not text, and the error handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.account import service as accounts
from bot.account.service import Accounts
from bot.core.presence import Lapsed
from bot.core.replies import SentQuietly, say, send
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.core.texts import Catalog
from bot.handlers.apology import apologise
from bot.incoming.inbox import give_back
from bot.ops import hooks
from storage.errors import disk_full, passing_failure

log = logging.getLogger(__name__)


# Commands a feature describes in its own catalog, shown in /help's list of commands.
HELP_EXTRAS = ("supervision.help",)


async def help_command(update: Update, context: SherpaContext) -> None:
    """/help: what the bot can do."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await send(context.bot, user.chat_id, help_text(context.services.texts, user.language))


def help_text(texts: Catalog, lang: str) -> str:
    """The help, with each feature's own lines added at the end of its list of commands (the
    second paragraph)."""
    parts = texts.text(lang, "help").split("\n\n")
    extras = "\n".join(texts.text(lang, key) for key in HELP_EXTRAS)
    if len(parts) > 1:
        parts[1] += "\n" + extras
    else:
        parts.append(extras)
    return "\n\n".join(parts)


async def unknown_command(update: Update, context: SherpaContext) -> None:
    """A command we do not know: point to /help."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await say(context.services.texts, context.bot, user, "errors.unknown_command")


async def not_text(update: Update, context: SherpaContext) -> None:
    """Stickers, photos, voice, files, locations: only text is stored."""
    message = update.effective_message
    assert message is not None
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    key = (
        "errors.voice"
        if message.voice or message.video_note or message.audio
        else "errors.not_text"
    )
    await say(context.services.texts, context.bot, user, key)


async def on_error(update: object, context: SherpaContext) -> None:
    """Log the error (never what the user wrote) and tell the truth: stored or not, and what
    to do (also when the disk is full); the bot goes on.

    When the database was away for a moment, or this instance's lease lapsed, nobody is told
    anything: the update is given back, stays in the inbox and is handled again shortly (what
    it stored already is recognised then), and no later handler of this round runs.
    """
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Lapsed) or passing_failure(error):
        hooks.failed(update, given_back=True)
        log.warning(
            "update %s given back, to be handled again (%s)", update_id, type(error).__name__
        )
        give_back(context.application, update)
        raise ApplicationHandlerStop
    full = disk_full(error)
    hooks.failed(update, given_back=False)
    log.error(
        "error while handling update %s: %s%s",
        update_id,
        type(error).__name__,
        " (the database or its disk is full)" if full else "",
        exc_info=None
        if error is None or isinstance(error, SentQuietly)
        else (type(error), error, error.__traceback__),
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    await apologise(context.services, context.bot, update, full)
