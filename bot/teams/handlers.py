"""/team in private chats and in groups, the team buttons, and the /start team_<code> link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress

from telegram import InlineKeyboardMarkup, Update
from telegram import User as TelegramUser
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.callbacks import TeamAction, decode
from bot.core.replies import acknowledge, current_user, say
from bot.core.services import SherpaContext
from bot.teams import actions, group, screens, service, text
from bot.teams.codes import invite_link
from storage import Team, User

# Sub-commands and their Dutch aliases.
_ALIASES = {
    **{name: name for name in ("create", "join", "leave", "rename", "goal", "code", "remove")},
    **{name: name for name in ("admin", "link", "unlink", "help")},
    **{"nieuw": "create", "doe-mee": "join", "verlaat": "leave", "naam": "rename"},
    **{"doel": "goal", "verwijder": "remove", "beheer": "admin", "ontkoppel": "unlink"},
}
Action = Callable[[Update, SherpaContext, User, str], Awaitable[None]]


async def team_command(update: Update, context: SherpaContext) -> None:
    """/team [action …] in a private chat: the overview, or one team action."""
    user, _ = await current_user(update, context)
    args = context.args or []
    action = _ALIASES.get(args[0].lower(), "help") if args else "overview"
    await _PRIVATE[action](update, context, user, " ".join(args[1:]))


async def _overview(update: Update, context: SherpaContext, user: User, _: str) -> None:
    """The user's teams: this week so far and the streak, as counts."""
    services, lang = context.services, user.language
    memberships = await services.storage.teams.teams_of(user.user_id)
    if not memberships:
        await say(update, context, user, "teams.none")
        return
    blocks = [services.texts.text(lang, "teams.title")]
    for team, member in memberships:
        now = await service.snapshot(services, team, user.user_id)
        blocks.append(
            text.team_block(
                services.texts,
                lang,
                team,
                members=now.members,
                on_track=now.on_track,
                streak=now.streak,
                admin=member.is_admin,
                own_days=now.own_days,
            )
        )
    blocks.append(services.texts.text(lang, "teams.overview_footer"))
    await _send(context, user.chat_id, "\n\n".join(blocks))


async def _create(update: Update, context: SherpaContext, user: User, rest: str) -> None:
    """/team create Name: a new team with the user as admin, and its invite link."""
    name = service.clean_name(rest)
    if name is None:
        await say(update, context, user, "teams.name_missing")
        return
    shown_as = service.display_name(_sender(update).first_name)
    created = await service.create(context.services, user.user_id, user.language, name, shown_as)
    if created is None:
        await say(update, context, user, "teams.full")
        return
    team, code = created
    link = invite_link(context.bot.username, code)
    await say(
        update, context, user, "teams.created", name=text.team_name(team), link=link, code=code
    )


async def _join(update: Update, context: SherpaContext, user: User, rest: str) -> None:
    """/team join CODE: the join offer (joining itself waits for the tap)."""
    if not rest.strip():
        await say(update, context, user, "teams.join_missing")
        return
    await offer_join(update, context, user, rest.strip())


async def offer_join(update: Update, context: SherpaContext, user: User, code: str) -> None:
    """Show exactly what the team will see, with a button to join (nothing happens before)."""
    services = context.services
    found = await service.find_by_code(services, user.user_id, code)
    if found == "throttled" or found is None:
        await say(update, context, user, "teams.throttled" if found else "teams.invalid")
        return
    if await services.storage.teams.member(found.id, user.user_id):
        await say(update, context, user, "teams.already", name=text.team_name(found))
        return
    if len(await services.storage.teams.teams_of(user.user_id)) >= service.MAX_TEAMS:
        await say(update, context, user, "teams.full")
        return
    members = len(await services.storage.teams.members(found.id))
    shown_as = service.display_name(_sender(update).first_name)
    message = text.offer(services.texts, user.language, found, members, shown_as)
    keyboard = screens.join_keyboard(services.texts, user.language, code)
    await _send(context, user.chat_id, message, keyboard)


async def _leave(update: Update, context: SherpaContext, user: User, _: str) -> None:
    """/team leave: one button per team; the tap is the confirmation."""
    teams = [t for t, _m in await context.services.storage.teams.teams_of(user.user_id)]
    if not teams:
        await say(update, context, user, "teams.no_teams")
        return
    texts, lang = context.services.texts, user.language
    keyboard = screens.team_picker(texts, lang, teams, "lv", label_key="teams.leave_button")
    await _send(context, user.chat_id, texts.text(lang, "teams.leave_choose"), keyboard)


async def _rename(update: Update, context: SherpaContext, user: User, rest: str) -> None:
    """/team rename Name (admin)."""
    name = service.clean_name(rest)
    if name is None:
        await say(update, context, user, "teams.rename_missing")
        return
    if team := await _admin_team(update, context, user, "rn", new_name=name):
        team = await context.services.storage.teams.update(team.id, name=name)
        await say(update, context, user, "teams.renamed", name=text.team_name(team))


async def _goal(update: Update, context: SherpaContext, user: User, rest: str) -> None:
    """/team goal 1–7 (admin): reflection days a week for every member."""
    goal = int(rest) if rest.strip().isdigit() else 0
    if not 1 <= goal <= 7:
        await say(update, context, user, "teams.goal_missing")
        return
    if team := await _admin_team(update, context, user, "gl", arg=goal):
        await context.services.storage.teams.update(team.id, goal_days=goal)
        await say(update, context, user, "teams.goal_set", name=text.team_name(team), goal=goal)


async def _code(update: Update, context: SherpaContext, user: User, _: str) -> None:
    """/team code (admin): a new invite link; the old one stops working."""
    if team := await _admin_team(update, context, user, "cd"):
        code = await service.renew_code(context.services, team)
        link = invite_link(context.bot.username, code)
        name = text.team_name(team)
        await say(update, context, user, "teams.code_renewed", name=name, link=link, code=code)


def _by_button(action: str) -> Action:
    """An admin action whose next step is a button anyway (pick a member)."""

    async def handle(update: Update, context: SherpaContext, user: User, _: str) -> None:
        if team := await _admin_team(update, context, user, action):
            await _tap(update, context, user, action, team)

    return handle


async def _admin_team(
    update: Update,
    context: SherpaContext,
    user: User,
    action: str,
    *,
    arg: int | None = None,
    new_name: str | None = None,
) -> Team | None:
    """The one team the user is admin of; with several, ask which (None: already answered)."""
    services = context.services
    teams = await service.admin_teams(services, user.user_id)
    if len(teams) <= 1:
        if not teams:
            await say(update, context, user, "teams.not_admin")
        return teams[0] if teams else None
    if new_name is not None:  # too long for a button: it waits in storage for the tap
        await services.storage.team_guard.set_pending(
            user.user_id, "rename", new_name, services.clock.now()
        )
    label = "teams.goal_button" if action == "gl" else None
    keyboard = screens.team_picker(services.texts, user.language, teams, action, arg, label)
    await _send(
        context, user.chat_id, services.texts.text(user.language, "teams.choose_team"), keyboard
    )
    return None


async def _tap(update: Update, context: SherpaContext, user: User, action: str, team: Team) -> None:
    """Run a button's action directly (one team: no need to ask which)."""
    answer = await actions.tap(
        context.services, user, "", TeamAction(action, team.id), context.bot.username
    )
    if answer.text:
        await _send(context, user.chat_id, answer.text, answer.keyboard)


def _reply(key: str) -> Action:
    """An action that only answers with one text."""

    async def handle(update: Update, context: SherpaContext, user: User, _: str) -> None:
        await say(update, context, user, key)

    return handle


_PRIVATE: dict[str, Action] = {
    "overview": _overview,
    "create": _create,
    "join": _join,
    "leave": _leave,
    "rename": _rename,
    "goal": _goal,
    "code": _code,
    "remove": _by_button("rm"),
    "admin": _by_button("ha"),
    "link": _reply("teams.in_group_only"),
    "unlink": _reply("teams.in_group_only"),
    "help": _reply("teams.usage"),
}


async def team_button(update: Update, context: SherpaContext) -> None:
    """A tap on a team button; a forged or stale one gets a polite toast and nothing else."""
    query = update.callback_query
    assert query is not None
    services = context.services
    if update.effective_chat is None or update.effective_chat.type != "private":
        await acknowledge(query)
        return
    user, _ = await current_user(update, context)
    shown_as = service.display_name(query.from_user.first_name)
    answer = await actions.tap(services, user, shown_as, decode(query.data), context.bot.username)
    if answer.expired or answer.text is None:
        await acknowledge(query, services.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    try:
        await query.edit_message_text(
            answer.text, parse_mode=ParseMode.HTML, reply_markup=answer.keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message:  # e.g. a photo or a deleted message: say anew
            await _send(context, user.chat_id, answer.text, answer.keyboard)
    for chat_id, note in answer.notices:
        # Someone who blocked the bot (or a group that removed it) simply misses the note.
        with suppress(Forbidden):
            await _send(context, chat_id, note)


async def group_command(update: Update, context: SherpaContext) -> None:
    """/team in a group: link or unlink it, or show the linked team's counts."""
    chat, sender = update.effective_chat, update.effective_user
    assert chat is not None
    services = context.services
    if sender is None or await group.throttled(services, chat.id):
        return
    args = context.args or []
    action = _ALIASES.get(args[0].lower(), "help") if args else "overview"
    reply = await group.answer(services, sender.id, chat.id, chat.title or "", action)
    message = reply.text
    if reply.private is not None:
        try:
            await _send(context, *reply.private)
        except Forbidden:  # no private chat with the bot yet
            message = reply.private_failed
    await _send(context, chat.id, message)


def _sender(update: Update) -> TelegramUser:
    """Who sent the update (always someone, for commands)."""
    sender = update.effective_user
    assert sender is not None
    return sender


async def _send(
    context: SherpaContext, chat_id: int, message: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """One HTML message, maybe with buttons."""
    await context.bot.send_message(
        chat_id, message, parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
