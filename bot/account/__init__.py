"""Onboarding and settings: language, days, time, timezone, pauses, retention, schedule.

What the scheduled kinds of other features read of a person's settings, when each of their
moments falls (bot/account/moments.py), is re-exported here.
"""

from bot.account.moments import (
    SCHEDULE_START,
    next_due,
    next_nudge,
    next_verrekijker,
    nudge_fits,
)

__all__ = ["SCHEDULE_START", "next_due", "next_nudge", "next_verrekijker", "nudge_fits"]
