"""What people read about teams: the overview, the join offer, the weekly digest. Pure.

Only counts and the team's own name reach these functions: no answer, score or per-member
result ever does, so no text built here can expose one. How much of a team or a week is
shown follows `privacy`: no counts below four members, no outcome below three, no pauses.
"""

from __future__ import annotations

from html import escape

from bot.core import formatting
from bot.core.texts import Catalog
from bot.teams.privacy import shown, week_members
from bot.teams.streak import Streak, StreakWeek, milestone
from storage import Team, TeamWeek


def team_name(team: Team) -> str:
    """The user-given team name, safe inside HTML."""
    return escape(team.name)


def streak_line(texts: Catalog, lang: str, weeks: int) -> str:
    """The streak in one line."""
    if weeks == 0:
        return texts.text(lang, "teams.streak_none")
    return texts.count(lang, "teams.streak", weeks)


def freeze_line(texts: Catalog, lang: str, streak: Streak) -> str:
    """Whether the freeze is ready, or in how many weeks."""
    if streak.freeze_in == 0:
        return texts.text(lang, "teams.freeze_ready")
    return texts.count(lang, "teams.freeze_wait", streak.freeze_in)


def team_block(
    texts: Catalog,
    lang: str,
    team: Team,
    *,
    members: int,
    on_track: int | None,
    streak: Streak | None,
    admin: bool = False,
    own_days: int | None = None,
    own_goal: int | None = None,
) -> str:
    """One team as a member (or its group) sees it: what `privacy` allows, and one's own days."""
    role = texts.text(lang, "teams.role_admin") if admin else ""
    lines = [
        texts.text(lang, "teams.team", name=team_name(team), role=role),
        texts.text(lang, "teams.members", members=members, goal=team.goal_days),
    ]
    if on_track is not None:
        lines.append(texts.text(lang, "teams.week", on_track=on_track, members=members))
    if own_days is not None:
        goal = own_goal or team.goal_days
        lines.append(texts.text(lang, "teams.own", days=own_days, goal=goal))
    if streak is None:
        lines.append(texts.text(lang, "teams.small_team"))
        return "\n".join(lines)
    lines.append(streak_line(texts, lang, streak.current))
    if streak.current:
        lines.append(freeze_line(texts, lang, streak))
    return "\n".join(lines)


def offer(texts: Catalog, lang: str, team: Team, members: int, shown_as: str) -> str:
    """The join offer: exactly what the team will see, and what nobody sees."""
    return texts.text(
        lang,
        "teams.offer",
        name=team_name(team),
        members=members,
        goal=team.goal_days,
        shown_as=escape(shown_as),
    )


def digest(texts: Catalog, lang: str, team: Team, week: TeamWeek, result: StreakWeek) -> str:
    """The weekly team message: the goal met or not, counts in a larger team, the streak.

    Only for weeks `privacy` lets show an outcome. "Met" never comes with counts: with the
    member count known, they would say how many were excused, i.e. paused.
    """
    members = week_members(week)
    counted = shown(members) == "counts"
    counts = {"on_track": week.on_track, "members": members, "goal": team.goal_days}
    when = formatting.day_words(lang, week.week_start)  # "2 maart" / "2 March"
    title = texts.text(lang, "teams.digest_title", name=team_name(team), date=when)
    if week.outcome == "met":
        outcome = texts.text(lang, "teams.digest_met", goal=team.goal_days)
    elif week.outcome == "quiet":
        outcome = texts.text(lang, "teams.digest_quiet")
    elif result.froze:
        key = "teams.digest_frozen_counts" if counted else "teams.digest_frozen"
        outcome = texts.text(lang, key, **counts)
    else:
        key = "teams.digest_missed_counts" if counted else "teams.digest_missed"
        outcome = texts.text(lang, key, **counts)
    if week.outcome == "missed" and not result.froze:
        detail = texts.text(lang, "teams.digest_restart")
    else:
        detail = streak_line(texts, lang, result.streak)
    parts = [title, outcome, detail]
    if (weeks := milestone(result)) is not None:
        parts.append(texts.text(lang, "teams.milestone", weeks=weeks))
    return "\n\n".join(parts)
