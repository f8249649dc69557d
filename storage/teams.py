"""Teams and their members: create, join, leave, hand over, and the digest schedule."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any, Literal

from storage.codec import utc_required, utc_text, utc_value
from storage.database import Database, Row
from storage.models import Team, TeamMember
from storage.team_members import Removal, remove_member

JoinOutcome = Literal["joined", "already", "full"]

# Fields a caller may change, with how each is written to the database.
_ENCODERS: dict[str, Any] = {
    "name": str,
    "goal_days": int,
    "code_hash": str,
    "group_chat_id": lambda v: v,
    "next_digest_at": lambda v: None if v is None else utc_text(v),
}


def _team(row: Row) -> Team:
    return Team(
        id=row["id"],
        name=row["name"],
        goal_days=row["goal_days"],
        timezone=row["timezone"],
        language=row["language"],
        group_chat_id=row["group_chat_id"],
        created_at=utc_required(row["created_at"]),
        next_digest_at=utc_value(row["next_digest_at"]),
    )


def _member(row: Row) -> TeamMember:
    return TeamMember(
        team_id=row["team_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        role=row["role"],
        joined_at=utc_required(row["joined_at"]),
    )


class TeamRepository:
    """Reads and writes teams and memberships."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        *,
        name: str,
        code_hash: str,
        timezone: str,
        language: str,
        admin_id: int,
        admin_name: str,
        now: datetime,
        next_digest_at: datetime,
        limit: int,
    ) -> Team | None:
        """A new team with its creator as admin; None when they already are in `limit` teams."""
        async with self._db.transaction():
            if await self._count(admin_id) >= limit:
                return None
            team_id = await self._db.insert(
                "INSERT INTO teams (name, code_hash, timezone, language, created_at,"
                " next_digest_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (name, code_hash, timezone, language, utc_text(now), utc_text(next_digest_at)),
            )
            await self._db.write(
                "INSERT INTO team_members (team_id, user_id, display_name, role, joined_at)"
                " VALUES (?, ?, ?, 'admin', ?)",
                (team_id, admin_id, admin_name, utc_text(now)),
            )
        assert team_id is not None
        return await self.get(team_id)

    async def get(self, team_id: int) -> Team | None:
        """The team, or None."""
        return await self._one("SELECT * FROM teams WHERE id = ?", (team_id,))

    async def by_code(self, code_hash: str) -> Team | None:
        """The team whose invite code has this hash, or None."""
        row = await self._db.fetch_one("SELECT * FROM teams WHERE code_hash = ?", (code_hash,))
        # The index finds the row by the hash; the final say is a constant-time comparison.
        if row is None or not hmac.compare_digest(row["code_hash"], code_hash):
            return None
        return _team(row)

    async def by_group(self, chat_id: int) -> Team | None:
        """The team linked to this group, or None."""
        return await self._one("SELECT * FROM teams WHERE group_chat_id = ?", (chat_id,))

    async def teams_of(self, user_id: int) -> list[tuple[Team, TeamMember]]:
        """The user's teams with their membership, in the order they joined."""
        rows = await self._db.fetch_all(
            "SELECT t.*, m.team_id, m.user_id, m.display_name, m.role, m.joined_at"
            " FROM team_members m JOIN teams t ON t.id = m.team_id"
            " WHERE m.user_id = ? ORDER BY m.id",
            (user_id,),
        )
        return [(_team(row), _member(row)) for row in rows]

    async def members(self, team_id: int) -> list[TeamMember]:
        """The team's members, longest-standing first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM team_members WHERE team_id = ? ORDER BY joined_at, id", (team_id,)
        )
        return [_member(row) for row in rows]

    async def member(self, team_id: int, user_id: int) -> TeamMember | None:
        """One membership, or None when the user is not in the team."""
        row = await self._db.fetch_one(
            "SELECT * FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id)
        )
        return None if row is None else _member(row)

    async def add_member(
        self, team_id: int, user_id: int, display_name: str, now: datetime, limit: int
    ) -> JoinOutcome:
        """Join a team, unless already in it or already in `limit` teams."""
        async with self._db.transaction():
            if await self._db.fetch_one(
                "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id)
            ):
                return "already"
            if await self._count(user_id) >= limit:
                return "full"
            await self._db.write(
                "INSERT INTO team_members (team_id, user_id, display_name, role, joined_at)"
                " VALUES (?, ?, ?, 'member', ?)",
                (team_id, user_id, display_name, utc_text(now)),
            )
        return "joined"

    async def remove(self, team_id: int, user_id: int) -> Removal:
        """Leave (or be removed from) a team; the admin role and an empty team are handled."""
        async with self._db.transaction():
            return await remove_member(self._db, team_id, user_id)

    async def hand_over(self, team_id: int, admin_id: int, new_admin_id: int) -> bool:
        """Pass the admin role to another member; False when either is not who they should be."""
        async with self._db.transaction():
            demoted = await self._db.write(
                "UPDATE team_members SET role = 'member'"
                " WHERE team_id = ? AND user_id = ? AND role = 'admin'"
                " AND EXISTS (SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?"
                " AND role = 'member')",
                (team_id, admin_id, team_id, new_admin_id),
            )
            if demoted == 0:
                return False
            await self._db.write(
                "UPDATE team_members SET role = 'admin' WHERE team_id = ? AND user_id = ?",
                (team_id, new_admin_id),
            )
        return True

    async def update(self, team_id: int, **changes: Any) -> Team:
        """Change some fields (see _ENCODERS) and return the team."""
        unknown = set(changes) - set(_ENCODERS)
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        columns = ", ".join(f"{name} = ?" for name in changes)
        values = [_ENCODERS[name](value) for name, value in changes.items()]
        await self._db.write(f"UPDATE teams SET {columns} WHERE id = ?", (*values, team_id))
        team = await self.get(team_id)
        if team is None:
            raise LookupError(f"no team {team_id}")
        return team

    async def due_digests(self, now: datetime, limit: int) -> list[Team]:
        """Teams whose weekly digest is due at or before now, earliest first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM teams WHERE next_digest_at IS NOT NULL AND next_digest_at <= ?"
            " ORDER BY next_digest_at LIMIT ?",
            (utc_text(now), limit),
        )
        return [_team(row) for row in rows]

    async def _count(self, user_id: int) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM team_members WHERE user_id = ?", (user_id,)
        )
        return int(row[0]) if row else 0

    async def _one(self, sql: str, params: tuple[object, ...]) -> Team | None:
        row = await self._db.fetch_one(sql, params)
        return None if row is None else _team(row)
