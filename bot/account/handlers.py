"""/start, /settings, the buttons of the onboarding and settings screens, and the one-line
settings for people in a hurry: /time, /days, /tz, /lang, /questions, /pause, /resume."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.account import dialog
from bot.account import service as accounts
from bot.account.changes import SettingChange, decode_setting
from bot.account.service import Accounts
from bot.core.replies import acknowledge
from bot.core.sender import Sender
from bot.core.services import SherpaContext

SHORTCUTS = tuple(dialog.SHORTCUT_FIELDS)


async def start(update: Update, context: SherpaContext) -> None:
    """Welcome a newcomer into onboarding; show a returning user their settings.

    (A /start with a team's invitation is the teams feature's: bot/teams/handlers.py.)"""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.start(context.part(Accounts), context.bot, user, invited=False)


async def settings(update: Update, context: SherpaContext) -> None:
    """/settings: the settings overview with buttons."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.settings(context.part(Accounts), context.bot, user)


async def choice(update: Update, context: SherpaContext) -> None:
    """A tap on an onboarding or settings button."""
    query = update.callback_query
    assert query is not None
    setting = decode_setting(query.data)
    if not isinstance(setting, SettingChange):
        await acknowledge(query)
        return
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.tap(context.part(Accounts), context.bot, query, user, setting)


def shortcut(command: str) -> Callable[[Update, SherpaContext], Coroutine[Any, Any, None]]:
    """A handler for `/<command> <value>` that parses, saves and confirms."""

    async def handle(update: Update, context: SherpaContext) -> None:
        """Parse the argument; a bad value changes nothing and shows an example."""
        user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
        argument = " ".join(context.args or [])
        await dialog.shortcut(context.part(Accounts), context.bot, user, command, argument)

    handle.__doc__ = f"/{command}: change one setting in one line."
    return handle


async def pause(update: Update, context: SherpaContext) -> None:
    """/pause [days]: no messages for a while, or until /resume."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.pause(context.part(Accounts), context.bot, user, " ".join(context.args or []))


async def resume(update: Update, context: SherpaContext) -> None:
    """/resume: end a pause."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    await dialog.resume(context.part(Accounts), context.bot, user)
