"""What a team may show, so that nobody can work out what one colleague did. Pure.

Threat: a member (the admin too, or anyone in a linked group) who knows their own week and
reads every team figure, as often as they like. Any figure over n members, minus their own
part, is a figure over the n - 1 others; with one other it *is* that colleague.

The rule, by what each level reveals to a member who subtracts their own part:

* Counts ("x of n on track"): only with at least 3 others, i.e. 4 or more members
  (`COUNTS_FROM`). A count then moves by one for any of at least three people, and says
  which of them never. Counts are over all members: never "of the active ones" and never
  "n paused", since members minus active *is* the paused count.
* The settled outcome of a week (goal met or not) and the streak built from it: only from 3
  members in that week (`OUTCOME_FROM`). "Not met" while you did your days then points at
  one of at least two colleagues, not at one. In a team of two it would name the other
  (you did yours and it failed: it was them; you paused and it worked: they did theirs), and
  it says nothing new exactly when you failed yourself. So a team of two (or one) gets no
  team outcome at all: no digest, no streak; each member sees their own week only.
  "Met" tells everyone that everyone who counted did their days, in any team: that is the
  shared goal itself, and the join screen says so plainly.
* The week's size for both thresholds is who was a member when the week was settled,
  never who was "counted": whether someone counted depends on a pause, which is private.
* Time: live figures would time a colleague's reflection to the minute (poll /team, see it
  move). The current week's count is a snapshot as of midnight (team time), so it changes at
  most once a day, and not at all before the next day.

What this cannot prevent, said plainly on the join screen: in a small team colleagues may
guess; someone who controls several accounts in one team can subtract them; and when a
member leaves mid-week the next day's count moves with the member count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from storage import TeamWeek, WeekOutcome

OUTCOME_FROM = 3  # members for a week's outcome and the streak (at least 2 others)
COUNTS_FROM = 4  # members for any count (at least 3 others)

Shown = Literal["nothing", "outcome", "counts"]


def shown(members: int) -> Shown:
    """How much a team (or one of its weeks) of this many members may show."""
    if members >= COUNTS_FROM:
        return "counts"
    return "outcome" if members >= OUTCOME_FROM else "nothing"


def week_members(week: TeamWeek) -> int:
    """Who was a member of a settled week (counted or excused alike)."""
    return week.counted + week.excused


def hidden_week(week_start: date) -> TeamWeek:
    """What is stored of a week too small to show: nothing about anyone (size 0)."""
    return TeamWeek(week_start, "quiet", 0, 0, 0)


def visible_outcomes(weeks: Sequence[TeamWeek]) -> list[WeekOutcome]:
    """The outcomes the streak is built from: a week too small to show counts as quiet."""
    return ["quiet" if shown(week_members(w)) == "nothing" else w.outcome for w in weeks]


def snapshot_moment(now: datetime, tz: ZoneInfo) -> datetime:
    """The moment the current figures are taken at: the last midnight in the team's time."""
    local = now.astimezone(tz)
    return datetime.combine(local.date(), time(0), tzinfo=tz)
