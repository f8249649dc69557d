"""/team in private chats and in groups, and the team buttons (the flow answers them)."""

from __future__ import annotations

from telegram import Update

from bot.account import dialog as setup
from bot.account import service as accounts
from bot.account.service import Accounts
from bot.core.replies import acknowledge
from bot.core.sender import Sender
from bot.core.services import SherpaContext
from bot.teams import dialog
from bot.teams.callbacks import TEAM
from bot.teams.codes import code_from_start
from bot.teams.service import Teams

# Sub-commands and their Dutch aliases.
_ALIASES = {
    **{name: name for name in ("create", "join", "leave", "rename", "goal", "code", "remove")},
    **{name: name for name in ("admin", "link", "unlink", "help")},
    **{"nieuw": "create", "doe-mee": "join", "verlaat": "leave", "naam": "rename"},
    **{"doel": "goal", "verwijder": "remove", "beheer": "admin", "ontkoppel": "unlink"},
}


def _action(args: list[str] | None) -> tuple[str, str]:
    """The sub-command (by its English name) and the words after it."""
    if not args:
        return "overview", ""
    return _ALIASES.get(args[0].lower(), "help"), " ".join(args[1:])


async def start_invited(update: Update, context: SherpaContext) -> None:
    """/start team_<code>, from a team's invitation link: the join offer, then the setup a
    newcomer needs (or a returning user's settings)."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    bot = context.bot
    if (code := code_from_start(context.args)) is not None:
        assert update.effective_user is not None
        first_name = update.effective_user.first_name
        await dialog.offer_join(context.part(Teams), bot, user, code, first_name)
    await setup.start(context.part(Accounts), bot, user, invited=code is not None)


async def team_command(update: Update, context: SherpaContext) -> None:
    """/team [action …] in a private chat: the overview, or one team action."""
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    assert update.effective_user is not None
    action, rest = _action(context.args)
    first_name = update.effective_user.first_name
    await dialog.private_command(context.part(Teams), context.bot, user, action, rest, first_name)


async def team_button(update: Update, context: SherpaContext) -> None:
    """A tap on a team button (only in the private chat)."""
    query = update.callback_query
    assert query is not None
    if update.effective_chat is None or update.effective_chat.type != "private":
        await acknowledge(query)
        return
    user, _ = await accounts.current_user(context.part(Accounts), Sender.of(update))
    first_name = query.from_user.first_name
    payload = TEAM.decode(query.data)
    await dialog.button(context.part(Teams), context.bot, query, user, first_name, payload)


async def group_command(update: Update, context: SherpaContext) -> None:
    """/team in a group: link or unlink it, or show the linked team's counts."""
    chat, sender = update.effective_chat, update.effective_user
    assert chat is not None
    if sender is None:
        return
    action, _ = _action(context.args)
    title = chat.title or ""
    teams, bot = context.part(Teams), context.bot
    await dialog.group_command(teams, bot, sender.id, chat.id, title, action)
