"""The bot's bulk send schedule, one row shared by every instance (see bot/delivery/pacing.py).

Times are seconds since the epoch: the instances compare them across processes and machines.
"""

from __future__ import annotations

from storage.database import Database, Row

BULK = "bulk"


class SendScheduleRepository:
    """Reserve stretches of the shared schedule, and push it back after a 429."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def reserve(self, earliest: float, span: float, name: str = BULK) -> float:
        """Reserve the next `span` seconds of the schedule, starting no sooner than `earliest`;
        returns where the reserved stretch starts. Concurrent callers get stretches that do
        not overlap: the row is written (and locked) in one statement, made if missing."""
        row = await self._upsert(
            "VALUES (?, ? + ?) ON CONFLICT (name) DO UPDATE SET next_at = CASE WHEN"
            " send_schedule.next_at > ? THEN send_schedule.next_at ELSE ? END + ?"
            " RETURNING next_at",
            (name, earliest, span, earliest, earliest, span),
        )
        return float(row[0]) - span

    async def push_back(self, until: float, name: str = BULK) -> None:
        """Nothing more is reserved before `until` (Telegram asked every sender to wait)."""
        await self._upsert(
            "VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET next_at = CASE WHEN"
            " send_schedule.next_at > ? THEN send_schedule.next_at ELSE ? END RETURNING next_at",
            (name, until, until, until),
        )

    async def _upsert(self, rest: str, params: tuple[object, ...]) -> Row:
        async with self._db.transaction():  # a write that returns a row: alone, committed
            row = await self._db.fetch_one(
                f"INSERT INTO send_schedule (name, next_at) {rest}", params
            )
        assert row is not None  # an upsert always returns its row
        return row

    async def next_at(self, name: str = BULK) -> float:
        """Where the schedule stands: the first slot nobody has reserved yet."""
        row = await self._db.fetch_one("SELECT next_at FROM send_schedule WHERE name = ?", (name,))
        return float(row[0]) if row else 0.0
