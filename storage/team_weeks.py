"""A team's weeks: members' reflection moments, pauses, and settled outcomes.

Only moments and counts are read here: never an answer's text or a scale value.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from storage.codec import utc_required, utc_text
from storage.database import Database
from storage.models import TeamWeek

# A step can be answered some time after its check-in's day (a late reply); look this far back.
_LATE_ANSWER_MARGIN = timedelta(days=14)


class TeamWeekRepository:
    """Read models and write-once records of team weeks."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def reflection_moments(
        self, team_id: int, since: datetime, until: datetime
    ) -> dict[int, list[datetime]]:
        """When each member answered a step in [since, until), in UTC, per user id."""
        earliest_day = (since - _LATE_ANSWER_MARGIN).date().isoformat()
        rows = await self._db.fetch_all(
            "SELECT m.user_id, s.closed_at FROM team_members m"
            " JOIN checkins c ON c.user_id = m.user_id AND c.local_date >= ?"
            " JOIN checkin_steps s ON s.checkin_id = c.id"
            " WHERE m.team_id = ? AND s.state = 'answered' AND c.kind = 'daily'"
            "   AND s.closed_at >= ? AND s.closed_at < ?",
            (earliest_day, team_id, utc_text(since), utc_text(until)),
        )
        moments: dict[int, list[datetime]] = {}
        for user_id, closed_at in rows:
            moments.setdefault(user_id, []).append(utc_required(closed_at))
        return moments

    async def paused_members(self, team_id: int, since: datetime, until: datetime) -> set[int]:
        """Members who were paused at some moment in [since, until)."""
        rows = await self._db.fetch_all(
            "SELECT DISTINCT p.user_id FROM pause_periods p"
            " JOIN team_members m ON m.user_id = p.user_id"
            " WHERE m.team_id = ? AND p.started_at < ?"
            "   AND (p.ended_at IS NULL OR (p.ended_at > ? AND p.ended_at > p.started_at))",
            (team_id, utc_text(until), utc_text(since)),
        )
        return {row[0] for row in rows}

    async def weeks(self, team_id: int) -> list[TeamWeek]:
        """Every settled week of the team, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT week_start, outcome, on_track, counted, excused FROM team_weeks"
            " WHERE team_id = ? ORDER BY week_start",
            (team_id,),
        )
        return [TeamWeek(date.fromisoformat(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    async def settle(self, team_id: int, week: TeamWeek, now: datetime) -> bool:
        """Record a week's outcome once; False when it was already settled."""
        settled = await self._db.write(
            "INSERT INTO team_weeks"
            " (team_id, week_start, outcome, on_track, counted, excused, settled_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                team_id,
                week.week_start.isoformat(),
                week.outcome,
                week.on_track,
                week.counted,
                week.excused,
                utc_text(now),
            ),
        )
        return settled == 1
