"""One-line settings for people in a hurry: /time, /days, /tz, /lang, /questions, /pause."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.account import dialog
from bot.account.identify import current_user
from bot.core.services import SherpaContext

SHORTCUTS = tuple(dialog.SHORTCUT_FIELDS)


def shortcut(command: str) -> Callable[[Update, SherpaContext], Coroutine[Any, Any, None]]:
    """A handler for `/<command> <value>` that parses, saves and confirms."""

    async def handle(update: Update, context: SherpaContext) -> None:
        """Parse the argument; a bad value changes nothing and shows an example."""
        user, _ = await current_user(update, context)
        argument = " ".join(context.args or [])
        await dialog.shortcut(context.services, context.bot, user, command, argument)

    handle.__doc__ = f"/{command}: change one setting in one line."
    return handle


async def pause(update: Update, context: SherpaContext) -> None:
    """/pause [days]: no messages for a while, or until /resume."""
    user, _ = await current_user(update, context)
    await dialog.pause(context.services, context.bot, user, " ".join(context.args or []))


async def resume(update: Update, context: SherpaContext) -> None:
    """/resume: end a pause."""
    user, _ = await current_user(update, context)
    await dialog.resume(context.services, context.bot, user)
