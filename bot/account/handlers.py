"""/start, /settings and the buttons of the onboarding and settings screens."""

from __future__ import annotations

from telegram import Update

from bot.account import dialog
from bot.account.changes import SettingChange, decode_setting
from bot.account.identify import current_user
from bot.core.replies import acknowledge
from bot.core.services import SherpaContext
from bot.teams import flow as teams
from bot.teams.codes import code_from_start


async def start(update: Update, context: SherpaContext) -> None:
    """Welcome a newcomer into onboarding; show a returning user their settings."""
    user, _ = await current_user(update, context)
    services, bot = context.services, context.bot
    if (code := code_from_start(context.args)) is not None:
        # A team invitation (/start team_<code>): the join offer; a newcomer then sets up.
        assert update.effective_user is not None
        await teams.offer_join(services, bot, user, code, update.effective_user.first_name)
    await dialog.start(services, bot, user, invited=code is not None)


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
