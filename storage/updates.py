"""Updates already handled: a redelivered update (same update_id) changes nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.codec import utc_text
from storage.database import Database

KEEP = timedelta(days=2)  # Telegram keeps unconfirmed updates for 24 hours


class UpdateRepository:
    """Remembers handled update ids for a while."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def seen(self, update_id: int) -> bool:
        """Whether this update was handled before."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM handled_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    async def remember(self, update_id: int, now: datetime) -> None:
        """Record a handled update."""
        await self._db.write(
            "INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (update_id, utc_text(now)),
        )

    async def forget_old(self, now: datetime) -> int:
        """Drop ids older than Telegram could ever redeliver."""
        return await self._db.write(
            "DELETE FROM handled_updates WHERE handled_at < ?", (utc_text(now - KEEP),)
        )
