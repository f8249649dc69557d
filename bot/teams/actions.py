"""What a tap on a team button does, checked against who taps it.

Every tap is checked again on the way in: the team must exist, the person must be in it,
admin actions need the admin. A stale or forged button gets `expired` and shows nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html import escape

from bot.teams import service, text
from bot.teams.callbacks import TeamAction, TeamJoin
from bot.teams.codes import invite_link
from bot.teams.service import Teams
from storage import Team, TeamMember, User


@dataclass(frozen=True)
class Picker:
    """Buttons to pick another member of `team` for `action` (the dialog draws them)."""

    team: Team
    members: list[TeamMember]
    action: str


@dataclass
class Answer:
    """The tapped message's new text and buttons, and messages for other people."""

    text: str | None = None
    picker: Picker | None = None
    expired: bool = False
    notices: list[tuple[int, str]] = field(default_factory=list)  # (chat id, HTML text)


EXPIRED = Answer(expired=True)
ADMIN_ACTIONS = frozenset({"gl", "cd", "rm", "ru", "ha", "hu", "rn", "lk"})


@dataclass(frozen=True)
class Tap:
    """Who tapped what, on which team, with their membership."""

    teams: Teams
    user: User
    team: Team
    member: TeamMember
    arg: int | None
    bot_username: str

    def say(self, key: str, **values: object) -> str:
        """A catalog text in the tapping user's language."""
        return self.teams.texts.text(self.user.language, key, **values)


async def tap(
    teams: Teams, user: User, shown_as: str, payload: object, bot_username: str
) -> Answer:
    """Carry out one tap on a team button."""
    say = teams.texts.text
    if isinstance(payload, TeamJoin):
        outcome, team = await service.join(teams, user.user_id, payload.code, shown_as)
        name = text.team_name(team) if team else ""
        return Answer(say(user.language, f"teams.{outcome}", name=name))
    if not isinstance(payload, TeamAction):
        return EXPIRED
    if payload.action == "no":
        return Answer(say(user.language, "teams.cancelled"))
    team = await teams.repo.get(payload.team_id)
    member = await teams.repo.member(payload.team_id, user.user_id)
    if team is None or member is None:
        return EXPIRED
    if payload.action in ADMIN_ACTIONS and not member.is_admin:
        return EXPIRED
    return await _ACTIONS[payload.action](Tap(teams, user, team, member, payload.arg, bot_username))


async def _leave(t: Tap) -> Answer:
    removal = await t.teams.repo.remove(t.team.id, t.user.user_id)
    name = text.team_name(t.team)
    answer = Answer(t.say("teams.left_last" if removal.team_deleted else "teams.left", name=name))
    if removal.new_admin is not None:
        await _notify(t, answer, removal.new_admin, "teams.new_admin")
    return answer


async def _goal(t: Tap) -> Answer:
    if t.arg is None or not 1 <= t.arg <= 7:
        return EXPIRED
    await t.teams.repo.update(t.team.id, goal_days=t.arg)
    return Answer(t.say("teams.goal_set", name=text.team_name(t.team), goal=t.arg))


async def _code(t: Tap) -> Answer:
    code = await service.renew_code(t.teams, t.team)
    link = invite_link(t.bot_username, code)
    return Answer(t.say("teams.code_renewed", name=text.team_name(t.team), link=link, code=code))


async def _pick_member(t: Tap, action: str, key: str) -> Answer:
    members = [m for m in await t.teams.repo.members(t.team.id) if not m.is_admin]
    name = text.team_name(t.team)
    if not members:
        return Answer(t.say("teams.alone", name=name))
    return Answer(t.say(key, name=name), Picker(t.team, members, action))


async def _remove_member(t: Tap) -> Answer:
    target = await _other_member(t)
    if target is None:
        return EXPIRED
    await t.teams.repo.remove(t.team.id, target.user_id)
    # The old link would let them straight back in: it stops working, the admin gets a new one.
    code = await service.renew_code(t.teams, t.team)
    link = invite_link(t.bot_username, code)
    name, who = text.team_name(t.team), escape(target.display_name)
    answer = Answer(t.say("teams.removed", member=who, name=name, link=link, code=code))
    await _notify(t, answer, target.user_id, "teams.removed_notice")
    return answer


async def _hand_over(t: Tap) -> Answer:
    target = await _other_member(t)
    if target is None:
        return EXPIRED
    if not await t.teams.repo.hand_over(t.team.id, t.user.user_id, target.user_id):
        return EXPIRED
    name = text.team_name(t.team)
    answer = Answer(t.say("teams.handed_over", member=escape(target.display_name), name=name))
    await _notify(t, answer, target.user_id, "teams.new_admin")
    return answer


async def _rename(t: Tap) -> Answer:
    now = t.teams.clock.now()
    guard = t.teams.guard
    name = await guard.take_pending(t.user.user_id, "rename", now - service.PENDING_WINDOW)
    if name is None:
        return EXPIRED
    team = await t.teams.repo.update(t.team.id, name=name)
    return Answer(t.say("teams.renamed", name=text.team_name(team)))


async def _link(t: Tap) -> Answer:
    now = t.teams.clock.now()
    guard = t.teams.guard
    if t.arg is None:
        return EXPIRED
    group = await guard.take_link(t.arg, t.user.user_id, now - service.PENDING_WINDOW)
    if group is None:
        return EXPIRED
    if await t.teams.repo.by_group(group) is not None:
        return Answer(t.say("teams.link_taken"))
    team = await t.teams.repo.update(t.team.id, group_chat_id=group)
    linked = t.teams.texts.text(team.language, "teams.linked", name=text.team_name(team))
    return Answer(t.say("teams.linked", name=text.team_name(team)), notices=[(group, linked)])


async def _other_member(t: Tap) -> TeamMember | None:
    if t.arg is None or t.arg == t.user.user_id:
        return None
    return await t.teams.repo.member(t.team.id, t.arg)


async def _notify(t: Tap, answer: Answer, user_id: int, key: str) -> None:
    """A short note to another member, in their language (names only the team)."""
    other = await t.teams.users.get(user_id)
    if other is not None:
        note = t.teams.texts.text(other.language, key, name=text.team_name(t.team))
        answer.notices.append((other.chat_id, note))


_ACTIONS: dict[str, Callable[[Tap], Awaitable[Answer]]] = {
    "lv": _leave,
    "gl": _goal,
    "cd": _code,
    "rm": lambda t: _pick_member(t, "ru", "teams.remove_choose"),
    "ru": _remove_member,
    "ha": lambda t: _pick_member(t, "hu", "teams.handover_choose"),
    "hu": _hand_over,
    "rn": _rename,
    "lk": _link,
}
