"""Pause periods: when a user was paused, kept as UTC moments so past weeks stay settled."""

from __future__ import annotations

from datetime import datetime

from storage.codec import utc_required, utc_text, utc_value
from storage.database import Database
from storage.models import PausePeriod


class PauseRepository:
    """Records /pause and /resume as periods."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(self, user_id: int, now: datetime, ends_at: datetime | None) -> None:
        """A pause from now until `ends_at` (None: until /resume); a running one ends now."""
        async with self._db.transaction():
            await self._end(user_id, now)
            await self._db.write(
                "INSERT INTO pause_periods (user_id, started_at, ended_at) VALUES (?, ?, ?)",
                (user_id, utc_text(now), None if ends_at is None else utc_text(ends_at)),
            )

    async def end(self, user_id: int, now: datetime) -> None:
        """End a running pause now (/resume)."""
        await self._end(user_id, now)

    async def periods(self, user_id: int) -> list[PausePeriod]:
        """The user's pause periods, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT user_id, started_at, ended_at FROM pause_periods"
            " WHERE user_id = ? ORDER BY started_at, id",
            (user_id,),
        )
        return [
            PausePeriod(row[0], utc_required(row[1]), utc_value(row[2]))
            for row in rows
        ]

    async def _end(self, user_id: int, now: datetime) -> None:
        stamp = utc_text(now)
        await self._db.write(
            "UPDATE pause_periods SET ended_at = ?"
            " WHERE user_id = ? AND (ended_at IS NULL OR ended_at > ?)",
            (stamp, user_id, stamp),
        )
