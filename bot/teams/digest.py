"""The weekly team digest: settle the week that ended, queue it for every member and the group.

A scheduled kind (TEAM_DIGEST, bot/teams/kinds.py) whose moment is each team's
`next_digest_at`, not a user's. The digests go through the outbox like every scheduled
message; its key (kind, chat, week) means nobody gets the same week's digest twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.core.kinds import ScheduledKind
from bot.core.schedule import is_stale, local_today
from bot.core.services import Services
from bot.delivery.errors import Skip
from bot.teams import privacy, service, text
from bot.teams.progress import WEEK, next_digest, week_of
from bot.teams.service import Teams
from storage import NewOutboxItem, OutboxItem, Team, TeamWeek

log = logging.getLogger(__name__)

BATCH_SIZE = 100
KIND = "team_digest"


def next_moment(team: Team, now: datetime) -> datetime | None:
    """When the team's next digest falls: Monday morning in the team's timezone."""
    return next_digest(now, ZoneInfo(team.timezone))


def period_key(team: Team, due: datetime) -> str:
    """The week a digest due at `due` is about: the one that just ended."""
    return (week_of(due, ZoneInfo(team.timezone)) - WEEK).isoformat()


async def due(services: Services, kind: ScheduledKind[Team], now: datetime) -> int:
    """Settle the weeks of teams whose digest is due and queue the digests; returns how many.

    Skipped digests (too late after downtime, too small a team) still have their weeks
    settled, so the streak stays right.
    """
    teams = Teams.bound(services)  # the delivery worker hands every kind the whole Services
    queued = 0
    while due_teams := await teams.repo.due_digests(now, BATCH_SIZE):
        for team in due_teams:
            queued += await _queue_team(teams, kind, team, now)
            following = kind.next_moment(team, now)
            await teams.repo.update(team.id, **{kind.field: following})
    return queued


async def _queue_team(teams: Teams, kind: ScheduledKind[Team], team: Team, now: datetime) -> int:
    tz, due = ZoneInfo(team.timezone), getattr(team, kind.field)
    assert due is not None
    week = date.fromisoformat(kind.period_key(team, due))
    if week < week_of(team.created_at, tz):
        return 0
    weeks, _streak = await service.settle(teams, team, week)
    if is_stale(due, now, kind.grace) or not _shows_outcome(weeks, week):
        return 0
    period, items = week.isoformat(), []
    for member in await teams.repo.members(team.id):
        items.append(NewOutboxItem(kind.name, member.user_id, period, due, member.user_id, team.id))
    if team.group_chat_id is not None:
        items.append(NewOutboxItem(kind.name, team.group_chat_id, period, due, None, team.id))
    return await teams.outbox.enqueue(items, now)


def _shows_outcome(weeks: list[TeamWeek], week: date) -> bool:
    """Whether the settled week may show its outcome at all (see privacy)."""
    found = next((w for w in weeks if w.week_start == week), None)
    return found is not None and privacy.shown(privacy.week_members(found)) != "nothing"


@dataclass(frozen=True)
class Digest:
    """One digest to send: to a member, or to the team's linked group (`to_group`)."""

    team: Team
    chat_id: int
    text: str
    to_group: bool


async def digest_of(teams: Teams, item: OutboxItem) -> Digest:
    """One member's (or the group's) digest of a settled week; raises Skip when it should
    not go (any more)."""
    team = await teams.repo.get(item.ref) if item.ref is not None else None
    if team is None:
        raise Skip("team gone")
    weeks, streak = await service.settle(teams, team, date.fromisoformat(item.period))
    index = next((i for i, w in enumerate(weeks) if w.week_start.isoformat() == item.period), None)
    if index is None:
        raise Skip("week not settled")
    if not _shows_outcome(weeks, weeks[index].week_start):
        raise Skip("team too small to show a week")  # see privacy: it would single someone out
    lang = team.language
    if item.user_id is not None:
        user = await teams.users.get(item.user_id)
        membership = await teams.repo.member(team.id, item.user_id)
        if user is None or membership is None or not user.active:
            raise Skip("no longer a member, or unreachable")
        if user.paused_on(local_today(teams.clock, user.timezone)):
            raise Skip("paused")  # no messages while paused; the week counted them as excused
        lang = user.language
    elif team.group_chat_id != item.chat_id:
        raise Skip("group unlinked")
    message = text.digest(teams.texts, lang, team, weeks[index], streak.weeks[index])
    return Digest(team, item.chat_id, message, to_group=item.user_id is None)


async def left_group(teams: Teams, team: Team) -> None:
    """The bot was removed from the team's group: stop posting there."""
    await teams.repo.update(team.id, group_chat_id=None)
