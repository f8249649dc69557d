"""What a scheduled kind is: declared once by the feature it belongs to, collected in bot/app.py.

Each user's (or team's) next moment of each kind is stored, so the schedule survives restarts:
after downtime, what fell due within its grace goes out once, late; older moments are skipped.
How the per-user kinds fall due is bot/delivery/due.py; the worker that sends them,
bot/delivery/worker.py.

Adding a per-user kind: declare it in its feature's `kinds.py`, list it in bot/app.py, and
add its moment column to `users` in a migration. Nothing else names it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from telegram import Bot

from storage import OutboxItem, Team, User

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from bot.core.services import Services

Subject = TypeVar("Subject", User, Team)  # who holds the stored moment
Part = TypeVar("Part")


class Provided(Protocol):
    """The features bound once (bot/app.py provides them; the typed bot_data keeps them):
    a kind's delivery takes its own feature from here, as a handler does from its context."""

    def part(self, kind: type[Part]) -> Part: ...


# Sends one outbox item of the kind; raises Skip or ChatGone (bot/delivery/errors.py).
Deliverer = Callable[[Provided, "Runtime", Bot, OutboxItem], Awaitable[None]]


@dataclass(frozen=True)
class ScheduledKind(Generic[Subject]):
    """One kind of scheduled message."""

    name: str  # the outbox kind
    field: str  # the subject's column that holds the next moment (stored: survives restarts)
    next_moment: Callable[[Subject, datetime], datetime | None]  # the first moment after a time
    period_key: Callable[[Subject, datetime], str]  # the period a moment is for: sent once each
    grace: timedelta  # how late it may still go out after downtime; older ones are skipped
    deliver: Deliverer
    # Puts what fell due in the outbox and moves the stored moments on; returns how many.
    due: Callable[[Services, ScheduledKind[Subject], datetime], Awaitable[int]]
    # The user settings its moment follows: a change of one of them recomputes it.
    # Empty for a kind whose moment is not the user's (a team's).
    reads: frozenset[str] = frozenset()

    @property
    def per_user(self) -> bool:
        """Whether the moment is each user's (in `User.moments`), not a team's."""
        return bool(self.reads)

    async def enqueue_due(self, services: Services, now: datetime) -> int:
        """Queue what fell due by `now` (see `due`)."""
        return await self.due(services, self, now)


AnyKind = ScheduledKind[User] | ScheduledKind[Team]
Kinds = tuple[AnyKind, ...]
UserKinds = tuple[ScheduledKind[User], ...]
