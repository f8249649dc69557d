"""The weekly messages (verrekijker, nudge): at most one of each per user and local week."""

from __future__ import annotations

from datetime import date, datetime

from storage.codec import utc_text
from storage.db import Database
from storage.models import WeeklyKind


class WeeklyRepository:
    """Claims and confirms weekly deliveries."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, user_id: int, kind: WeeklyKind, week_start: date, now: datetime) -> bool:
        """Reserve this week's message; False when it was already claimed or delivered."""
        cursor = await self._db.connection.execute(
            "INSERT OR IGNORE INTO weekly_deliveries (user_id, kind, week_start, claimed_at)"
            " VALUES (?, ?, ?, ?)",
            (user_id, kind, week_start.isoformat(), utc_text(now)),
        )
        return cursor.rowcount == 1

    async def confirm(
        self, user_id: int, kind: WeeklyKind, week_start: date, now: datetime
    ) -> None:
        """Record that the claimed message reached Telegram."""
        await self._db.connection.execute(
            "UPDATE weekly_deliveries SET delivered_at = ?"
            " WHERE user_id = ? AND kind = ? AND week_start = ?",
            (utc_text(now), user_id, kind, week_start.isoformat()),
        )

    async def release(self, user_id: int, kind: WeeklyKind, week_start: date) -> None:
        """Give a claim back after a failed send, so a later tick retries it."""
        await self._db.connection.execute(
            "DELETE FROM weekly_deliveries WHERE user_id = ? AND kind = ? AND week_start = ?"
            " AND delivered_at IS NULL",
            (user_id, kind, week_start.isoformat()),
        )
