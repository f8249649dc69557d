"""Removing what a user's retention setting no longer keeps, in small batches."""

from __future__ import annotations

import asyncio
import calendar
from datetime import date

from storage.database import Database
from storage.models import RETENTION_CHOICES


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class RetentionRepository:
    """Deletes check-ins (with their steps and answers) older than each user's retention."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def purge(self, today: date, batch: int = 500) -> int:
        """Delete everything past retention; each batch is its own short transaction."""
        removed = 0
        for months in RETENTION_CHOICES:
            cutoff = months_before(today, months).isoformat()
            while True:
                # Each batch commits on its own (autocommit): short, so the bot goes on.
                deleted = await self._db.write(
                    "DELETE FROM checkins WHERE id IN (SELECT c.id FROM checkins c"
                    " JOIN users u ON u.user_id = c.user_id"
                    " WHERE u.retention_months = ? AND c.local_date < ? LIMIT ?)",
                    (months, cutoff, batch),
                )
                removed += deleted
                if deleted < batch:
                    break
                await asyncio.sleep(0)  # let the bot answer between batches
        if removed:
            await self._db.scrub_log()
        return removed
