"""/team in a Telegram group: link, unlink, the linked team's counts, and a reply limit.

Nobody is registered from a group (a private chat id must never become the group's), and
the group only ever sees what every member may see (see `privacy`): no more than counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.teams import service, text
from bot.teams.service import Teams
from storage import Team, User

GROUP_REPLIES = 10  # replies per group per minute: well under Telegram's 20 a minute
GROUP_WINDOW = timedelta(minutes=1)
PRIVATE_ACTIONS = frozenset(
    {"create", "join", "leave", "rename", "goal", "code", "remove", "admin"}
)


@dataclass(frozen=True)
class LinkQuestion:
    """The private question to a group's sender who runs several teams: which one to link.
    The dialog draws its buttons (views.link_picker)."""

    user: User
    teams: list[Team]
    request: int  # the stored link request the buttons name
    title: str  # the group's title


@dataclass(frozen=True)
class GroupReply:
    """The group's answer, and maybe a private question to the sender first."""

    text: str
    private: LinkQuestion | None = None
    private_failed: str = ""  # the group's answer when the private question cannot be sent


async def throttled(teams: Teams, chat_id: int) -> bool:
    """Whether this group had its share of replies this minute (then the bot stays quiet)."""
    now = teams.clock.now()
    guard = teams.guard
    # Members write concurrently: the check and the count must be one step.
    return not await guard.take_slot("group", chat_id, now, now - GROUP_WINDOW, GROUP_REPLIES)


async def answer(teams: Teams, sender_id: int, chat_id: int, title: str, action: str) -> GroupReply:
    """What the bot says in the group to `/team <action>`."""
    user = await teams.users.get(sender_id)
    linked = await teams.repo.by_group(chat_id)
    default = teams.default_language
    lang = linked.language if linked else user.language if user else default
    texts = teams.texts
    if action == "link":
        return await _link(teams, user, linked, chat_id, title, lang)
    if action == "unlink":
        return GroupReply(await _unlink(teams, user, linked, lang))
    if action == "overview" and linked is not None:
        return GroupReply(await _status(teams, linked))
    key = "teams.private_only" if action in PRIVATE_ACTIONS else "teams.group_hint"
    return GroupReply(texts.text(lang, key))


async def _link(
    teams: Teams, user: User | None, linked: Team | None, chat_id: int, title: str, lang: str
) -> GroupReply:
    """Link the group to the sender's team (they pick in private when they run several)."""
    texts = teams.texts
    admin_of = await service.admin_teams(teams, user.user_id) if user else []
    if user is None or not admin_of:
        return GroupReply(texts.text(lang, "teams.group_admin_only"))
    if linked is not None:
        if linked.id in {t.id for t in admin_of}:
            return GroupReply(texts.text(lang, "teams.linked", name=text.team_name(linked)))
        return GroupReply(texts.text(lang, "teams.link_taken"))
    if len(admin_of) == 1:
        team = await teams.repo.update(admin_of[0].id, group_chat_id=chat_id)
        return GroupReply(texts.text(team.language, "teams.linked", name=text.team_name(team)))
    # The request waits in storage, one per group; the button names it by id and is checked
    # against the tapping user, so it cannot link a group they never asked in.
    now = teams.clock.now()
    request = await teams.guard.request_link(user.user_id, chat_id, now)
    return GroupReply(
        texts.text(lang, "teams.link_sent_private"),
        private=LinkQuestion(user, admin_of, request, title),
        private_failed=texts.text(lang, "teams.link_private_failed"),
    )


async def _unlink(teams: Teams, user: User | None, linked: Team | None, lang: str) -> str:
    """Unlink the group, by the admin of the team it belongs to."""
    if linked is None or user is None:
        return teams.texts.text(lang, "teams.group_hint")
    member = await teams.repo.member(linked.id, user.user_id)
    if member is None or not member.is_admin:
        return teams.texts.text(lang, "teams.not_admin")
    await teams.repo.update(linked.id, group_chat_id=None)
    return teams.texts.text(lang, "teams.unlinked", name=text.team_name(linked))


async def _status(teams: Teams, team: Team) -> str:
    """The linked team's week so far and streak: the same counts every member sees."""
    now = await service.snapshot(teams, team)
    return text.team_block(
        teams.texts,
        team.language,
        team,
        members=now.members,
        on_track=now.on_track,
        streak=now.streak,
    )
