"""The bot's bulk send schedule, one row shared by every instance (see bot/delivery/pacing.py).

Times are seconds since the epoch: the instances compare them across processes and machines.
"""

from __future__ import annotations

from storage.database import Database

BULK = "bulk"


class SendScheduleRepository:
    """Reserve stretches of the shared schedule, and push it back after a 429."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def reserve(self, earliest: float, span: float, name: str = BULK) -> float:
        """Reserve the next `span` seconds of the schedule, starting no sooner than `earliest`;
        returns where the reserved stretch starts. Concurrent callers get stretches that do
        not overlap: the row is updated (and locked) in one statement."""
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "UPDATE send_schedule SET next_at ="
                " CASE WHEN next_at > ? THEN next_at ELSE ? END + ? WHERE name = ?"
                " RETURNING next_at",
                (earliest, earliest, span, name),
            )
        if row is None:
            raise LookupError(f"no send schedule {name!r} (migration 0012 creates it)")
        return float(row[0]) - span

    async def push_back(self, until: float, name: str = BULK) -> None:
        """Nothing more is reserved before `until` (Telegram asked every sender to wait)."""
        await self._db.write(
            "UPDATE send_schedule SET next_at = CASE WHEN next_at > ? THEN next_at ELSE ? END"
            " WHERE name = ?",
            (until, until, name),
        )

    async def next_at(self, name: str = BULK) -> float:
        """Where the schedule stands: the first slot nobody has reserved yet."""
        row = await self._db.fetch_one("SELECT next_at FROM send_schedule WHERE name = ?", (name,))
        return float(row[0]) if row else 0.0
