"""What the care rule needs: the latest scale scores, and when the support ladder was offered."""

from __future__ import annotations

from datetime import date

from storage.codec import date_value
from storage.database import Database

# (energy, boundaries) of one check-in; None where the scale was skipped or not reached.
ScalePair = tuple[int | None, int | None]


class CareRepository:
    """Reads recent scale scores and records when the support ladder was offered."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent_scales(self, user_id: int, limit: int) -> list[ScalePair]:
        """The scales of the user's last `limit` check-ins with a score, newest first."""
        rows = await self._db.fetch_all(
            "SELECT c.id,"
            " MAX(CASE WHEN s.kind = 'energy' THEN s.score END),"
            " MAX(CASE WHEN s.kind = 'boundaries' THEN s.score END)"
            " FROM checkins c JOIN checkin_steps s ON s.checkin_id = c.id"
            " WHERE c.user_id = ? AND s.kind IN ('energy', 'boundaries')"
            " AND s.score IS NOT NULL"
            " GROUP BY c.id ORDER BY c.local_date DESC, c.id DESC LIMIT ?",
            (user_id, limit),
        )
        return [(row[1], row[2]) for row in rows]

    async def last_offered(self, user_id: int) -> date | None:
        """The local day the ladder was last offered in a check-in; None if never."""
        row = await self._db.fetch_one(
            "SELECT offered_on FROM care_offers WHERE user_id = ?", (user_id,)
        )
        return date_value(row[0]) if row else None

    async def mark_offered(self, user_id: int, day: date) -> None:
        """Remember that the ladder was offered on that local day."""
        await self._db.write(
            "INSERT INTO care_offers (user_id, offered_on) VALUES (?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET offered_on = excluded.offered_on",
            (user_id, day.isoformat()),
        )
