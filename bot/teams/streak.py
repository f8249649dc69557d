"""The team streak: consecutive weeks with the goal met, with a freeze now and then. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage import WeekOutcome

FREEZE_EVERY = 4  # at most one freeze in any four consecutive weeks
MILESTONES = (4, 10, 26, 52)


@dataclass(frozen=True)
class StreakWeek:
    """One settled week and the streak after it."""

    outcome: WeekOutcome
    streak: int
    froze: bool  # the freeze saved the streak this week


@dataclass(frozen=True)
class Streak:
    """The streak over all settled weeks, and when the freeze is ready again."""

    weeks: tuple[StreakWeek, ...]
    freeze_in: int  # weeks until a freeze can be used again (0: ready)

    @property
    def current(self) -> int:
        """The streak now (0 before the first met week)."""
        return self.weeks[-1].streak if self.weeks else 0

    @property
    def last(self) -> StreakWeek | None:
        """The most recently settled week."""
        return self.weeks[-1] if self.weeks else None


def run_streak(outcomes: Sequence[WeekOutcome]) -> Streak:
    """Walk the weeks in order: met adds one, missed breaks unless the freeze saves it.

    A quiet week (everyone excused) neither adds nor breaks. The freeze is used
    automatically, only when there is a streak to save.
    """
    streak, last_freeze = 0, None
    weeks = []
    for index, outcome in enumerate(outcomes):
        froze = False
        if outcome == "met":
            streak += 1
        elif outcome == "missed":
            ready = last_freeze is None or index - last_freeze >= FREEZE_EVERY
            if streak > 0 and ready:
                froze, last_freeze = True, index
            else:
                streak = 0
        weeks.append(StreakWeek(outcome, streak, froze))
    freeze_in = 0 if last_freeze is None else max(0, last_freeze + FREEZE_EVERY - len(outcomes))
    return Streak(tuple(weeks), freeze_in)


def milestone(week: StreakWeek) -> int | None:
    """The milestone a met week reached (4, 10, 26, 52 and every further year), if any."""
    if week.outcome != "met":
        return None
    if week.streak in MILESTONES or (week.streak > 0 and week.streak % 52 == 0):
        return week.streak
    return None
