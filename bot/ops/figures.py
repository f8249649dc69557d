"""The figures an operator watches that live in the database: the inbox and outbox backlogs
and the connections. Read at each scrape of /metrics and by `python -m bot status --json`."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from datetime import datetime

from bot.ops import metrics
from storage import Storage

READ_TIMEOUT = 3.0  # a scrape must answer even while the database does not


@dataclass(frozen=True)
class Backlog:
    """What waits, and for how long (seconds; None when nothing waits)."""

    inbox_depth: int
    inbox_oldest_age: float | None
    outbox_due: int
    outbox_in_flight: int
    outbox_oldest_due_age: float | None
    connections: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


async def read_backlog(storage: Storage, now: datetime) -> Backlog:
    """The backlog now; raises TimeoutError or the engine's error when the database is away."""
    async with asyncio.timeout(READ_TIMEOUT):
        depth, oldest_update = await storage.inbox.backlog()
        due, in_flight, oldest_due = await storage.outbox.backlog(now)
    return Backlog(
        inbox_depth=depth,
        inbox_oldest_age=_age(now, oldest_update),
        outbox_due=due,
        outbox_in_flight=in_flight,
        outbox_oldest_due_age=_age(now, oldest_due),
        connections=storage.connections(),
    )


async def refresh_gauges(storage: Storage, now: datetime) -> bool:
    """Set the database gauges for a scrape; False (and sherpa_database_up 0) when away."""
    try:
        backlog = await read_backlog(storage, now)
    except Exception:  # the database is away: the scrape still answers, and says so
        metrics.DB_UP.set(0)
        return False
    metrics.DB_UP.set(1)
    metrics.INBOX_DEPTH.set(backlog.inbox_depth)
    metrics.INBOX_OLDEST.set(backlog.inbox_oldest_age or 0)
    metrics.OUTBOX_DUE.set(backlog.outbox_due)
    metrics.OUTBOX_IN_FLIGHT.set(backlog.outbox_in_flight)
    metrics.OUTBOX_OLDEST.set(backlog.outbox_oldest_due_age or 0)
    for state, count in backlog.connections.items():
        metrics.DB_POOL.labels(state).set(count)
    return True


def _age(now: datetime, since: datetime | None) -> float | None:
    return None if since is None else max(0.0, (now - since).total_seconds())
