"""What people read about teams: the overview, the join offer, the weekly digest. Pure.

Only counts and the team's own name reach these functions: no answer, score or per-member
result ever does, so no text built here can expose one.
"""

from __future__ import annotations

from datetime import date
from html import escape

from bot.teams.progress import Progress
from bot.teams.streak import Streak, StreakWeek, milestone
from bot.texts import Catalog
from storage import Team, TeamWeek


def team_name(team: Team) -> str:
    """The user-given team name, safe inside HTML."""
    return escape(team.name)


def streak_line(texts: Catalog, lang: str, weeks: int) -> str:
    """The streak in one line."""
    if weeks == 0:
        return texts.text(lang, "teams.streak_none")
    if weeks == 1:
        return texts.text(lang, "teams.streak_one")
    return texts.text(lang, "teams.streak", weeks=weeks)


def freeze_line(texts: Catalog, lang: str, streak: Streak) -> str:
    """Whether the freeze is ready, or in how many weeks."""
    if streak.freeze_in == 0:
        return texts.text(lang, "teams.freeze_ready")
    if streak.freeze_in == 1:
        return texts.text(lang, "teams.freeze_wait_one")
    return texts.text(lang, "teams.freeze_wait", weeks=streak.freeze_in)


def week_line(texts: Catalog, lang: str, progress: Progress) -> str:
    """This week so far: how many of the members not on pause are already on track."""
    active = progress.on_track + progress.behind + progress.new
    if progress.paused:
        return texts.text(
            lang,
            "teams.week_paused",
            on_track=progress.on_track,
            active=active,
            paused=progress.paused,
        )
    return texts.text(lang, "teams.week", on_track=progress.on_track, active=active)


def team_block(
    texts: Catalog,
    lang: str,
    team: Team,
    *,
    members: int,
    progress: Progress,
    streak: Streak,
    admin: bool = False,
    own_days: int | None = None,
) -> str:
    """One team as a member (or its group) sees it now: counts and the streak."""
    role = texts.text(lang, "teams.role_admin") if admin else ""
    lines = [
        texts.text(lang, "teams.team", name=team_name(team), role=role),
        texts.text(lang, "teams.members", members=members, goal=team.goal_days),
        week_line(texts, lang, progress),
    ]
    if own_days is not None:
        lines.append(texts.text(lang, "teams.own", days=own_days, goal=team.goal_days))
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


def date_label(texts: Catalog, lang: str, day: date) -> str:
    """A date as "2 maart" / "2 March"."""
    months = texts.entries[lang]["months"]
    return f"{day.day} {months[day.month - 1]}"


def digest(texts: Catalog, lang: str, team: Team, week: TeamWeek, result: StreakWeek) -> str:
    """The weekly team message: the goal met or not, counts, the streak, a milestone."""
    counts = {"on_track": week.on_track, "counted": week.counted, "goal": team.goal_days}
    when = date_label(texts, lang, week.week_start)
    title = texts.text(lang, "teams.digest_title", name=team_name(team), date=when)
    if week.outcome == "met":
        outcome = texts.text(lang, "teams.digest_met", **counts)
    elif week.outcome == "quiet":
        outcome = texts.text(lang, "teams.digest_quiet")
    elif result.froze:
        outcome = texts.text(lang, "teams.digest_frozen", **counts)
    else:
        outcome = texts.text(lang, "teams.digest_missed", **counts)
    details = []
    if week.excused and week.outcome != "quiet":
        details.append(texts.text(lang, "teams.digest_excused", count=week.excused))
    if week.outcome == "missed" and not result.froze:
        details.append(texts.text(lang, "teams.digest_restart"))
    else:
        details.append(streak_line(texts, lang, result.streak))
    parts = [title, outcome, "\n".join(details)]
    if (weeks := milestone(result)) is not None:
        parts.append(texts.text(lang, "teams.milestone", weeks=weeks))
    return "\n\n".join(parts)
