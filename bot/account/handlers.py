"""/start, /settings and the buttons of the onboarding and settings screens."""

from __future__ import annotations

from telegram import Update

from bot.account import dialog
from bot.account.changes import SettingChange, decode_setting
from bot.account.identify import current_user
from bot.core.replies import acknowledge
from bot.core.services import SherpaContext


async def start(update: Update, context: SherpaContext) -> None:
    """Welcome a newcomer into onboarding; show a returning user their settings.

    (A /start with a team's invitation is the teams feature's: bot/teams/handlers.py.)"""
    user, _ = await current_user(update, context)
    await dialog.start(context.services, context.bot, user, invited=False)


async def settings(update: Update, context: SherpaContext) -> None:
    """/settings: the settings overview with buttons."""
    user, _ = await current_user(update, context)
    await dialog.settings(context.services, context.bot, user)


async def choice(update: Update, context: SherpaContext) -> None:
    """A tap on an onboarding or settings button."""
    query = update.callback_query
    assert query is not None
    setting = decode_setting(query.data)
    if not isinstance(setting, SettingChange):
        await acknowledge(query)
        return
    user, _ = await current_user(update, context)
    await dialog.tap(context.services, context.bot, query, user, setting)
