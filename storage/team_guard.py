"""Rate limits (wrong invite codes, replies in groups) and team actions waiting for a tap."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from storage.codec import utc_text
from storage.db import Database

Scope = Literal["code", "group"]
PendingAction = Literal["rename", "link"]


class TeamGuardRepository:
    """Counts recent events per subject, and keeps one pending team action per user."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent(self, scope: Scope, subject: int, since: datetime) -> int:
        """How many events of this scope the subject had at or after `since`."""
        async with self._db.connection.execute(
            "SELECT COUNT(*) FROM team_throttle"
            " WHERE scope = ? AND subject = ? AND happened_at >= ?",
            (scope, subject, utc_text(since)),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def record(
        self, scope: Scope, subject: int, now: datetime, forget_before: datetime
    ) -> None:
        """Count one event, and forget this subject's events that no longer matter."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM team_throttle WHERE scope = ? AND subject = ? AND happened_at < ?",
                (scope, subject, utc_text(forget_before)),
            )
            await conn.execute(
                "INSERT INTO team_throttle (scope, subject, happened_at) VALUES (?, ?, ?)",
                (scope, subject, utc_text(now)),
            )

    async def take_slot(
        self, scope: Scope, subject: int, now: datetime, since: datetime, limit: int
    ) -> bool:
        """Count one event unless `limit` happened since `since` (atomic: one transaction)."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT COUNT(*) FROM team_throttle"
                " WHERE scope = ? AND subject = ? AND happened_at >= ?",
                (scope, subject, utc_text(since)),
            ) as cursor:
                row = await cursor.fetchone()
            if row and row[0] >= limit:
                return False
            await conn.execute(
                "DELETE FROM team_throttle WHERE scope = ? AND subject = ? AND happened_at < ?",
                (scope, subject, utc_text(since)),
            )
            await conn.execute(
                "INSERT INTO team_throttle (scope, subject, happened_at) VALUES (?, ?, ?)",
                (scope, subject, utc_text(now)),
            )
        return True

    async def set_pending(
        self, user_id: int, action: PendingAction, argument: str, now: datetime
    ) -> None:
        """Remember what the user asked for until they pick the team (replaces an older one)."""
        await self._db.write(
            "INSERT OR REPLACE INTO team_pending (user_id, action, argument, created_at)"
            " VALUES (?, ?, ?, ?)",
            (user_id, action, argument, utc_text(now)),
        )

    async def take_pending(
        self, user_id: int, action: PendingAction, since: datetime
    ) -> str | None:
        """The pending argument of this action (asked at or after `since`), used up once."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT argument FROM team_pending"
                " WHERE user_id = ? AND action = ? AND created_at >= ?",
                (user_id, action, utc_text(since)),
            ) as cursor:
                row = await cursor.fetchone()
            await conn.execute(
                "DELETE FROM team_pending WHERE user_id = ? AND action = ?", (user_id, action)
            )
        return None if row is None else str(row[0])
