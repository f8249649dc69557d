"""Rate limits (wrong invite codes, replies in groups) and team actions waiting for a tap."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from storage.codec import utc_text
from storage.database import Database

Scope = Literal["code", "group"]
PendingAction = Literal["rename"]


class TeamGuardRepository:
    """Counts recent events per subject; keeps pending team actions and group link requests."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent(self, scope: Scope, subject: int, since: datetime) -> int:
        """How many events of this scope the subject had at or after `since`."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM team_throttle"
            " WHERE scope = ? AND subject = ? AND happened_at >= ?",
            (scope, subject, utc_text(since)),
        )
        return int(row[0]) if row else 0

    async def record(
        self, scope: Scope, subject: int, now: datetime, forget_before: datetime
    ) -> None:
        """Count one event, and forget this subject's events that no longer matter."""
        async with self._db.transaction():
            await self._db.write(
                "DELETE FROM team_throttle WHERE scope = ? AND subject = ? AND happened_at < ?",
                (scope, subject, utc_text(forget_before)),
            )
            await self._db.write(
                "INSERT INTO team_throttle (scope, subject, happened_at) VALUES (?, ?, ?)",
                (scope, subject, utc_text(now)),
            )

    async def take_slot(
        self, scope: Scope, subject: int, now: datetime, since: datetime, limit: int
    ) -> bool:
        """Count one event unless `limit` happened since `since` (atomic: one transaction)."""
        async with self._db.transaction():
            if await self.recent(scope, subject, since) >= limit:
                return False
            await self._db.write(
                "DELETE FROM team_throttle WHERE scope = ? AND subject = ? AND happened_at < ?",
                (scope, subject, utc_text(since)),
            )
            await self._db.write(
                "INSERT INTO team_throttle (scope, subject, happened_at) VALUES (?, ?, ?)",
                (scope, subject, utc_text(now)),
            )
        return True

    async def set_pending(
        self, user_id: int, action: PendingAction, argument: str, now: datetime
    ) -> None:
        """Remember what the user asked for until they pick the team (replaces an older one)."""
        await self._db.write(
            "INSERT INTO team_pending (user_id, action, argument, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " action = excluded.action, argument = excluded.argument,"
            " created_at = excluded.created_at",
            (user_id, action, argument, utc_text(now)),
        )

    async def take_pending(
        self, user_id: int, action: PendingAction, since: datetime
    ) -> str | None:
        """The pending argument of this action (asked at or after `since`), used up once."""
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "SELECT argument FROM team_pending"
                " WHERE user_id = ? AND action = ? AND created_at >= ?",
                (user_id, action, utc_text(since)),
            )
            await self._db.write(
                "DELETE FROM team_pending WHERE user_id = ? AND action = ?", (user_id, action)
            )
        return None if row is None else str(row[0])

    async def request_link(self, user_id: int, group_chat_id: int, now: datetime) -> int:
        """Remember that the user asked to link this group; returns the request's id.

        One request per group and user: asking again in the same group keeps its id (both
        buttons link that group), asking in another group makes another request.
        """
        # The upsert returns the id of the row it inserted or updated (SQLite and PostgreSQL).
        request_id = await self._db.insert(
            "INSERT INTO team_link_requests (group_chat_id, user_id, created_at)"
            " VALUES (?, ?, ?) ON CONFLICT (group_chat_id, user_id)"
            " DO UPDATE SET created_at = excluded.created_at RETURNING id",
            (group_chat_id, user_id, utc_text(now)),
        )
        assert request_id is not None
        return request_id

    async def take_link(self, request_id: int, user_id: int, since: datetime) -> int | None:
        """The group of the user's own request (asked at or after `since`), used up once."""
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "SELECT group_chat_id, created_at FROM team_link_requests"
                " WHERE id = ? AND user_id = ?",
                (request_id, user_id),
            )
            if row is None:
                return None
            await self._db.write("DELETE FROM team_link_requests WHERE id = ?", (request_id,))
        return int(row[0]) if row[1] >= utc_text(since) else None
