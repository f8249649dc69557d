"""Team use cases over storage: create, join, status, settle weeks. No Telegram here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.services import Services
from bot.core.texts import Catalog
from bot.teams import privacy
from bot.teams.codes import code_hash, new_code, well_formed
from bot.teams.progress import (
    WEEK,
    MemberWeek,
    next_digest,
    personal_goal,
    reflection_days,
    week_bounds,
    week_of,
    week_progress,
    weeks_between,
)
from bot.teams.streak import Streak, run_streak
from storage import Team, TeamMember, TeamWeek
from storage.outbox import OutboxRepository
from storage.team_guard import TeamGuardRepository
from storage.team_weeks import TeamWeekRepository
from storage.teams import TeamRepository
from storage.users import UserRepository

MAX_TEAMS = 5
NAME_LIMIT = 40
DISPLAY_NAME_LIMIT = 32
WRONG_CODES = 5  # wrong invite codes allowed per user...
WRONG_CODE_WINDOW = timedelta(minutes=10)  # ...within this window
PENDING_WINDOW = timedelta(hours=1)  # a "which team?" question stays answerable this long
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

JoinOutcome = Literal["joined", "already", "full", "invalid", "throttled"]


@dataclass(frozen=True)
class Snapshot:
    """A team as anyone in it may see it now (see `privacy`), and the viewer's own week."""

    members: int
    on_track: int | None  # on track as of last midnight; None: too few members for counts
    streak: Streak | None  # over the settled weeks; None: too few members for an outcome
    own_days: int = 0  # the viewing member's own reflection days this week, live
    own_goal: int = 0  # the viewing member's goal: the team's, or their own days when fewer


@dataclass(frozen=True)
class Teams:
    """/team, the team buttons and the weekly digest, bound once (bot/app.py) to what they read
    and write: the teams, their settled weeks, the guard (wrong codes, pending questions, group
    links), the users (workdays, language, pauses), the outbox (the digests), the texts, the
    clock and the default language and timezone. The handlers reach it through the typed
    context (`context.part(Teams)`) and hand it to the dialog."""

    repo: TeamRepository
    weeks: TeamWeekRepository
    guard: TeamGuardRepository
    users: UserRepository
    outbox: OutboxRepository
    texts: Catalog
    clock: Clock
    default_language: str
    default_timezone: str

    @classmethod
    def bound(cls, services: Services) -> Teams:
        """Bound to the application's storage, texts, clock and default language and zone."""
        storage, settings = services.storage, services.settings
        return cls(
            storage.teams,
            storage.team_weeks,
            storage.team_guard,
            storage.users,
            storage.outbox,
            services.texts,
            services.clock,
            settings.default_language,
            settings.default_timezone,
        )


def clean_name(text: str, limit: int = NAME_LIMIT) -> str | None:
    """A user-given name on one line, trimmed; None when empty or too long."""
    name = " ".join(_CONTROL.sub(" ", text).split())
    return name if 0 < len(name) <= limit else None


def display_name(first_name: str | None) -> str:
    """The name the admin sees for a member: their Telegram first name, shortened."""
    name = clean_name(first_name or "", limit=10_000)
    return name[:DISPLAY_NAME_LIMIT] if name else "?"


async def create(
    teams: Teams, user_id: int, language: str, name: str, shown_as: str
) -> tuple[Team, str] | None:
    """A new team with the user as admin, and its invite code; None when they have 5 teams."""
    now = teams.clock.now()
    tz_name = teams.default_timezone
    code = new_code()
    team = await teams.repo.create(
        name=name,
        code_hash=code_hash(code),
        timezone=tz_name,
        language=language,
        admin_id=user_id,
        admin_name=shown_as,
        now=now,
        next_digest_at=next_digest(now, ZoneInfo(tz_name)),
        limit=MAX_TEAMS,
    )
    return None if team is None else (team, code)


async def renew_code(teams: Teams, team: Team) -> str:
    """A new invite code for the team; the old one stops working at once."""
    code = new_code()
    await teams.repo.update(team.id, code_hash=code_hash(code))
    return code


async def find_by_code(teams: Teams, user_id: int, code: str) -> Team | Literal["throttled"] | None:
    """The team a code invites to; wrong codes are counted and, past the limit, refused."""
    now, guard = teams.clock.now(), teams.guard
    if await guard.recent("code", user_id, now - WRONG_CODE_WINDOW) >= WRONG_CODES:
        return "throttled"
    team = await teams.repo.by_code(code_hash(code)) if well_formed(code) else None
    if team is None:
        await guard.record("code", user_id, now, forget_before=now - WRONG_CODE_WINDOW)
    return team


async def join(
    teams: Teams, user_id: int, code: str, shown_as: str
) -> tuple[JoinOutcome, Team | None]:
    """Join the team of a code (checked again: it may have been renewed since the offer)."""
    team = await find_by_code(teams, user_id, code)
    if team == "throttled":
        return "throttled", None
    if team is None:
        return "invalid", None
    outcome = await teams.repo.add_member(team.id, user_id, shown_as, teams.clock.now(), MAX_TEAMS)
    return outcome, team


async def admin_teams(teams: Teams, user_id: int) -> list[Team]:
    """The teams the user is admin of."""
    return [t for t, m in await teams.repo.teams_of(user_id) if m.is_admin]


async def member_weeks(teams: Teams, team: Team, week: date) -> list[MemberWeek]:
    """Each member's moments and pause in one team week (moments only, never content)."""
    start, end = week_bounds(week, ZoneInfo(team.timezone))
    weeks = teams.weeks
    moments = await weeks.reflection_moments(team.id, start, end)
    paused = await weeks.paused_members(team.id, start, end)
    members = await teams.repo.members(team.id)
    workdays = await _workdays(teams, members)
    return [
        MemberWeek(
            m.user_id,
            m.joined_at,
            tuple(moments.get(m.user_id, ())),
            m.user_id in paused,
            workdays[m.user_id],
        )
        for m in members
    ]


async def _workdays(teams: Teams, members: list[TeamMember]) -> dict[int, int]:
    """How many weekdays each member chose (their settings today; 7 if unknown)."""
    found = {}
    for m in members:
        user = await teams.users.get(m.user_id)
        found[m.user_id] = len(user.days) if user is not None else 7
    return found


async def snapshot(teams: Teams, team: Team, viewer: int | None = None) -> Snapshot:
    """This week as of last midnight and the streak, as `privacy` allows; the viewer's own days.

    Nothing here reads pauses: a pause never shows, not even as a count.
    """
    tz, now = ZoneInfo(team.timezone), teams.clock.now()
    week = week_of(now, tz)
    start, end = week_bounds(week, tz)
    members = await teams.repo.members(team.id)
    moments = await teams.weeks.reflection_moments(team.id, start, end)
    shown = privacy.shown(len(members))
    workdays = await _workdays(teams, members)
    on_track = None
    if shown == "counts":
        cutoff = privacy.snapshot_moment(now, tz)
        on_track = sum(
            reflection_days([m for m in moments.get(member.user_id, ()) if m < cutoff], week, tz)
            >= personal_goal(team.goal_days, workdays[member.user_id])
            for member in members
        )
    streak = None
    if shown != "nothing":
        settled = await teams.weeks.weeks(team.id)
        streak = run_streak(privacy.visible_outcomes(settled))
    own = moments.get(viewer, []) if viewer is not None else []
    own_goal = personal_goal(team.goal_days, workdays.get(viewer, 7) if viewer else 7)
    return Snapshot(len(members), on_track, streak, reflection_days(own, week, tz), own_goal)


async def settle(teams: Teams, team: Team, through: date) -> tuple[list[TeamWeek], Streak]:
    """Settle every ended week up to `through` not settled yet; returns all weeks and the streak.

    Weeks are settled in order and only once (the table's key), so a digest sent late or twice
    tells the same story, and later changes (someone leaves) never rewrite a past week.
    """
    tz, repo = ZoneInfo(team.timezone), teams.weeks
    settled = await repo.weeks(team.id)
    first = settled[-1].week_start + WEEK if settled else week_of(team.created_at, tz)
    for week in weeks_between(first, through):
        members = await member_weeks(teams, team, week)
        progress = week_progress(members, week, tz, team.goal_days)
        record = TeamWeek(
            week, progress.outcome, progress.on_track, progress.counted, progress.excused
        )
        if privacy.shown(privacy.week_members(record)) == "nothing":
            record = privacy.hidden_week(week)  # keep nothing that could point at someone
        await repo.settle(team.id, record, teams.clock.now())
    weeks = await repo.weeks(team.id)
    return weeks, run_streak(privacy.visible_outcomes(weeks))


@dataclass(frozen=True)
class JoinOffer:
    """Whether a code may be offered to join: "offer", or why not (a `teams.<outcome>` text)."""

    outcome: Literal["offer", "already", "full", "invalid", "throttled"]
    team: Team | None = None  # with "offer" and "already"
    members: int = 0


async def join_offer(teams: Teams, user_id: int, code: str) -> JoinOffer:
    """What the user may be offered for an invite code (joining itself waits for the tap)."""
    found = await find_by_code(teams, user_id, code)
    if found == "throttled" or found is None:
        return JoinOffer("throttled" if found else "invalid")
    repo = teams.repo
    if await repo.member(found.id, user_id):
        return JoinOffer("already", found)
    if len(await repo.teams_of(user_id)) >= MAX_TEAMS:
        return JoinOffer("full")
    return JoinOffer("offer", found, len(await repo.members(found.id)))


async def memberships(teams: Teams, user_id: int) -> list[tuple[Team, TeamMember]]:
    """The user's teams, each with their membership."""
    return await teams.repo.teams_of(user_id)


async def rename(teams: Teams, team: Team, name: str) -> Team:
    """Give the team a new (clean) name."""
    return await teams.repo.update(team.id, name=name)


async def set_goal(teams: Teams, team: Team, goal: int) -> Team:
    """Set the reflection days a week every member aims for."""
    return await teams.repo.update(team.id, goal_days=goal)


async def hold_rename(teams: Teams, user_id: int, name: str) -> None:
    """Keep a new name until the admin taps which team (a name is too long for a button)."""
    await teams.guard.set_pending(user_id, "rename", name, teams.clock.now())
