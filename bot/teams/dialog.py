"""What the bot says in teams: /team in a private chat and in a group, the team buttons, and
the join offer. Each function carries out one request and sends its reply.

`actions` and `group` decide what a tap or a group command answers; only this module sends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from html import escape

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.core.kinds import Provided
from bot.core.replies import Screen, acknowledge, edit, send
from bot.core.runtime import Runtime
from bot.delivery.errors import Skip
from bot.teams import actions, digest, group, service, text, views
from bot.teams.callbacks import TeamAction, TeamJoin
from bot.teams.codes import invite_link
from bot.teams.service import Teams
from storage import OutboxItem, Team, User


@dataclass(frozen=True)
class Command:
    """A private /team command: who asked, the words after the action, the name teams see."""

    teams: Teams
    bot: Bot
    user: User
    rest: str
    shown_as: str

    async def say(self, key: str, **values: object) -> None:
        """One catalog text to the user."""
        await send(
            self.bot, self.user.chat_id, self.teams.texts.text(self.user.language, key, **values)
        )

    async def send(self, message: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        """One HTML message to the user, maybe with buttons."""
        await send(self.bot, self.user.chat_id, message, keyboard)


async def private_command(
    teams: Teams, bot: Bot, user: User, action: str, rest: str, first_name: str | None
) -> None:
    """/team [action …] in a private chat: the overview, or one team action."""
    shown_as = service.display_name(first_name)
    await _PRIVATE[action](Command(teams, bot, user, rest, shown_as))


async def _overview(c: Command) -> None:
    """The user's teams: this week so far and the streak, as counts."""
    texts, lang = c.teams.texts, c.user.language
    memberships = await service.memberships(c.teams, c.user.user_id)
    if not memberships:
        await c.say("teams.none")
        return
    blocks = [texts.text(lang, "teams.title")]
    for team, member in memberships:
        now = await service.snapshot(c.teams, team, c.user.user_id)
        blocks.append(
            text.team_block(
                texts,
                lang,
                team,
                members=now.members,
                on_track=now.on_track,
                streak=now.streak,
                admin=member.is_admin,
                own_days=now.own_days,
                own_goal=now.own_goal,
            )
        )
    blocks.append(texts.text(lang, "teams.overview_footer"))
    await c.send("\n\n".join(blocks))


async def _create(c: Command) -> None:
    """/team create Name: a new team with the user as admin, and its invite link."""
    name = service.clean_name(c.rest)
    if name is None:
        await c.say("teams.name_missing")
        return
    created = await service.create(c.teams, c.user.user_id, c.user.language, name, c.shown_as)
    if created is None:
        await c.say("teams.full")
        return
    team, code = created
    link = invite_link(c.bot.username, code)
    await c.say("teams.created", name=text.team_name(team), link=link, code=code)


async def _join(c: Command) -> None:
    """/team join CODE: the join offer (joining itself waits for the tap)."""
    if not c.rest.strip():
        await c.say("teams.join_missing")
        return
    await _offer(c, c.rest.strip())


async def offer_join(teams: Teams, bot: Bot, user: User, code: str, first_name: str | None) -> None:
    """Show exactly what the team will see, with a button to join (nothing happens before)."""
    await _offer(Command(teams, bot, user, "", service.display_name(first_name)), code)


async def _offer(c: Command, code: str) -> None:
    offer = await service.join_offer(c.teams, c.user.user_id, code)
    if offer.outcome != "offer" or offer.team is None:
        values = {"name": text.team_name(offer.team)} if offer.team else {}
        await c.say(f"teams.{offer.outcome}", **values)
        return
    texts, lang = c.teams.texts, c.user.language
    message = text.offer(texts, lang, offer.team, offer.members, c.shown_as)
    await c.send(message, views.join_keyboard(texts, lang, code))


async def _leave(c: Command) -> None:
    """/team leave: one button per team; the tap is the confirmation."""
    teams = [t for t, _m in await service.memberships(c.teams, c.user.user_id)]
    if not teams:
        await c.say("teams.no_teams")
        return
    texts, lang = c.teams.texts, c.user.language
    keyboard = views.team_picker(texts, lang, teams, "lv", label_key="teams.leave_button")
    await c.send(texts.text(lang, "teams.leave_choose"), keyboard)


async def _rename(c: Command) -> None:
    """/team rename Name (admin)."""
    name = service.clean_name(c.rest)
    if name is None:
        await c.say("teams.rename_missing")
        return
    if team := await _admin_team(c, "rn", new_name=name):
        team = await service.rename(c.teams, team, name)
        await c.say("teams.renamed", name=text.team_name(team))


async def _goal(c: Command) -> None:
    """/team goal 1–7 (admin): reflection days a week for every member."""
    goal = int(c.rest) if c.rest.strip().isdigit() else 0
    if not 1 <= goal <= 7:
        await c.say("teams.goal_missing")
        return
    if team := await _admin_team(c, "gl", arg=goal):
        await service.set_goal(c.teams, team, goal)
        await c.say("teams.goal_set", name=text.team_name(team), goal=goal)


async def _code(c: Command) -> None:
    """/team code (admin): a new invite link; the old one stops working."""
    if team := await _admin_team(c, "cd"):
        code = await service.renew_code(c.teams, team)
        link = invite_link(c.bot.username, code)
        await c.say("teams.code_renewed", name=text.team_name(team), link=link, code=code)


def _by_button(action: str) -> Callable[[Command], Awaitable[None]]:
    """An admin action whose next step is a button anyway (pick a member)."""

    async def handle(c: Command) -> None:
        if team := await _admin_team(c, action):
            # One team: no need to ask which, the button's action runs directly.
            answer = await actions.tap(
                c.teams, c.user, "", TeamAction(action, team.id), c.bot.username
            )
            if answer.text:
                await c.send(answer.text, _picker(c.teams, c.user, answer.picker))

    return handle


async def _admin_team(
    c: Command, action: str, *, arg: int | None = None, new_name: str | None = None
) -> Team | None:
    """The one team the user is admin of; with several, ask which (None: already answered)."""
    texts, lang = c.teams.texts, c.user.language
    teams = await service.admin_teams(c.teams, c.user.user_id)
    if len(teams) <= 1:
        if not teams:
            await c.say("teams.not_admin")
        return teams[0] if teams else None
    if new_name is not None:  # too long for a button: it waits in storage for the tap
        await service.hold_rename(c.teams, c.user.user_id, new_name)
    label = "teams.goal_button" if action == "gl" else None
    keyboard = views.team_picker(texts, lang, teams, action, arg, label)
    await c.send(texts.text(lang, "teams.choose_team"), keyboard)
    return None


def _reply(key: str) -> Callable[[Command], Awaitable[None]]:
    """An action that only answers with one text."""

    async def handle(c: Command) -> None:
        await c.say(key)

    return handle


_PRIVATE: dict[str, Callable[[Command], Awaitable[None]]] = {
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


def _picker(teams: Teams, user: User, picker: actions.Picker | None) -> InlineKeyboardMarkup | None:
    """The buttons to pick a member, when the answer asks for them."""
    if picker is None:
        return None
    texts, lang = teams.texts, user.language
    return views.member_picker(texts, lang, picker.team, picker.members, picker.action)


async def button(
    teams: Teams,
    bot: Bot,
    query: CallbackQuery,
    user: User,
    first_name: str | None,
    payload: TeamJoin | TeamAction | None,
) -> None:
    """A tap on a team button; a forged or stale one gets a polite toast and nothing else."""
    shown_as = service.display_name(first_name)
    answer = await actions.tap(teams, user, shown_as, payload, bot.username)
    if answer.expired or answer.text is None:
        await acknowledge(query, teams.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    keyboard = _picker(teams, user, answer.picker)
    try:
        await edit(query, Screen(answer.text, keyboard))
    except BadRequest:  # e.g. a photo or a deleted message: say it anew
        await send(bot, user.chat_id, answer.text, keyboard)
    for chat_id, note in answer.notices:
        # Someone who blocked the bot (or a group that removed it) simply misses the note.
        with suppress(Forbidden):
            await send(bot, chat_id, note)


async def group_command(
    teams: Teams, bot: Bot, sender_id: int, chat_id: int, title: str, action: str
) -> None:
    """/team in a group: link or unlink it, or show the linked team's counts."""
    if await group.throttled(teams, chat_id):
        return
    reply = await group.answer(teams, sender_id, chat_id, title, action)
    message = reply.text
    if (ask := reply.private) is not None:
        texts, lang = teams.texts, ask.user.language
        choose = texts.text(lang, "teams.link_choose", title=escape(ask.title))
        keyboard = views.link_picker(texts, lang, ask.teams, ask.request, ask.title)
        try:
            await send(bot, ask.user.chat_id, choose, keyboard)
        except Forbidden:  # no private chat with the bot yet
            message = reply.private_failed
    await send(bot, chat_id, message)


async def deliver_digest(provided: Provided, _runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """One member's (or the group's) digest of a settled week (bot/teams/kinds.py)."""
    teams = provided.part(Teams)
    found = await digest.digest_of(teams, item)
    try:
        await send(bot, found.chat_id, found.text)
    except Forbidden:
        if found.to_group:  # the bot left the group: stop posting there
            await digest.left_group(teams, found.team)
            raise Skip("bot removed from the group") from None
        raise
