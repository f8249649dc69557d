"""A team week from stored moments: reflection days, who is on track, the outcome. Pure.

A reflection day is a day, in the team's timezone, on which a member answered a step. Only
UTC instants go in, so a member's own timezone (or a change of it) never moves a past week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from storage import WeekOutcome

DIGEST_TIME = time(9, 0)  # Monday morning after the week, in the team's timezone
WEEK = timedelta(days=7)
Status = Literal["on_track", "behind", "new", "paused"]


@dataclass(frozen=True)
class MemberWeek:
    """What a week's outcome needs to know about one member: moments, never content."""

    user_id: int
    joined_at: datetime
    moments: tuple[datetime, ...]  # aware instants of answered steps
    paused: bool  # paused at some moment of the week
    workdays: int = 7  # how many weekdays the member chose for check-ins


@dataclass(frozen=True)
class Progress:
    """How many members are on track, behind, new (first week, not on track) or paused."""

    on_track: int = 0
    behind: int = 0
    new: int = 0
    paused: int = 0

    @property
    def counted(self) -> int:
        """Members who count for the goal this week."""
        return self.on_track + self.behind

    @property
    def excused(self) -> int:
        """Members who neither help nor break the week."""
        return self.new + self.paused

    @property
    def outcome(self) -> WeekOutcome:
        """Met when every counted member is on track; quiet when nobody counted."""
        if self.behind:
            return "missed"
        return "met" if self.on_track else "quiet"


def week_of(moment: datetime, tz: ZoneInfo) -> date:
    """Monday of the team week that holds the moment."""
    day = moment.astimezone(tz).date()
    return day - timedelta(days=day.weekday())


def week_bounds(week: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC moments where the team week starting on Monday `week` begins and ends."""
    return _midnight(week, tz), _midnight(week + WEEK, tz)


def digest_moment(week: date, tz: ZoneInfo) -> datetime:
    """When the digest of the week starting `week` goes out: the next Monday 09:00, in UTC."""
    return datetime.combine(week + WEEK, DIGEST_TIME, tzinfo=tz).astimezone(UTC)


def next_digest(now: datetime, tz: ZoneInfo) -> datetime:
    """The next digest moment after `now` (a digest waiting at `now` is not skipped)."""
    return digest_moment(week_of(now, tz), tz)


def reflection_days(moments: Iterable[datetime], week: date, tz: ZoneInfo) -> int:
    """On how many days of the team week (in the team's timezone) a step was answered."""
    days = {m.astimezone(tz).date() for m in moments}
    return sum(1 for day in days if week <= day < week + WEEK)


def personal_goal(goal: int, workdays: int) -> int:
    """A member's goal: the team's, or their own chosen days when fewer (never below one).

    A part-timer with two workdays who reflected on both did their week, never "behind".
    """
    return max(1, min(goal, workdays))


def member_status(member: MemberWeek, week: date, tz: ZoneInfo, goal: int) -> Status | None:
    """Where one member stands in a week; None when they joined after it."""
    start, end = week_bounds(week, tz)
    if member.joined_at >= end:
        return None
    if member.paused:  # a paused member neither helps nor breaks the week
        return "paused"
    if reflection_days(member.moments, week, tz) >= personal_goal(goal, member.workdays):
        return "on_track"
    # A newcomer's first week can be helped but not broken.
    return "new" if member.joined_at > start else "behind"


def week_progress(members: Sequence[MemberWeek], week: date, tz: ZoneInfo, goal: int) -> Progress:
    """The counts of a team week."""
    statuses = [member_status(m, week, tz, goal) for m in members]
    return Progress(
        on_track=statuses.count("on_track"),
        behind=statuses.count("behind"),
        new=statuses.count("new"),
        paused=statuses.count("paused"),
    )


def weeks_between(first: date, last: date) -> list[date]:
    """Every Monday from `first` through `last` (both Mondays), oldest first."""
    count = max(0, (last - first).days // 7 + 1)
    return [first + i * WEEK for i in range(count)]


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
