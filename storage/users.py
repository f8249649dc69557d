"""Users: settings, onboarding state and the stored schedule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from storage.checkin_steps import STEP_COLUMNS, step_from
from storage.codec import (
    date_value,
    days_mask,
    days_value,
    time_text,
    time_value,
    utc_required,
    utc_text,
    utc_value,
)
from storage.database import Database, Row
from storage.models import Person, User, UserCounts
from storage.team_members import leave_all_teams

# Fields a caller may change, with how each is written to the database.
_ENCODERS: dict[str, Any] = {
    "chat_id": int,
    "language": str,
    "timezone": str,
    "checkin_time": time_text,
    "days": days_mask,
    "questions_per_checkin": int,
    "onboarding_step": lambda v: v,
    "paused": int,
    "paused_until": lambda v: None if v is None else v.isoformat(),
    "verrekijker_day": int,
    "verrekijker_time": time_text,
    "nudges": int,
    "look_backs": int,
    "retention_months": lambda v: v,
    "active": int,
}
# A column that holds a scheduled kind's next moment: each kind names its own (its migration
# adds it), and the users' rows carry every such column as `User.moments`. The shape is
# strict, as the name is written into SQL.
MOMENT_COLUMN = re.compile(r"next_[a-z]+(?:_[a-z]+)*_at")


def moment_column(name: str) -> str:
    """The name, checked to be a moment column's; a ValueError otherwise."""
    if not MOMENT_COLUMN.fullmatch(name):
        raise ValueError(f"not a scheduled moment: {name}")
    return name


def _encoder(name: str) -> Any:
    if name in _ENCODERS:
        return _ENCODERS[name]
    moment_column(name)
    return lambda v: None if v is None else utc_text(v)


def _updatable(name: str) -> bool:
    return name in _ENCODERS or MOMENT_COLUMN.fullmatch(name) is not None


def _user(row: Row) -> User:
    return User(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        language=row["language"],
        timezone=row["timezone"],
        checkin_time=time_value(row["checkin_time"]),
        days=days_value(row["days"]),
        questions_per_checkin=row["questions_per_checkin"],
        onboarding_step=row["onboarding_step"],
        paused=bool(row["paused"]),
        paused_until=date_value(row["paused_until"]),
        next_signpost=row["next_signpost"],
        created_at=utc_required(row["created_at"]),
        verrekijker_day=row["verrekijker_day"],
        verrekijker_time=time_value(row["verrekijker_time"]),
        nudges=bool(row["nudges"]),
        retention_months=row["retention_months"],
        active=bool(row["active"]),
        look_backs=bool(row["look_backs"]),
        # A row iterates its values, not its names.
        moments={k: utc_value(row[k]) for k in row.keys() if MOMENT_COLUMN.fullmatch(k)},  # noqa: SIM118
    )


# Points a user at the signpost after `past` (moved_past's values), unless that happened.
MOVE_PAST = "UPDATE users SET next_signpost = ? WHERE user_id = ? AND next_signpost = ?"


def moved_past(user_id: int, past: int) -> tuple[int, int, int]:
    """MOVE_PAST's values: the next signpost of ten, the user, the one taken up."""
    return past % 10 + 1, user_id, past


class UserRepository:
    """Reads and writes users."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> User | None:
        """The user, or None if they never started the bot."""
        row = await self._db.fetch_one("SELECT * FROM users WHERE user_id = ?", (user_id,))
        return None if row is None else _user(row)

    async def person(self, user_id: int, message_id: int) -> Person:
        """The user, their open step and whether this message of theirs is stored already,
        in one query (what a typed answer needs before anything else)."""
        step_columns = ", ".join(
            f"{column} AS step_{column.split('.')[1]}" for column in STEP_COLUMNS.split(", ")
        )
        row = await self._db.fetch_one(
            f"SELECT u.*, o.*, (EXISTS (SELECT 1 FROM answers a WHERE a.user_id = u.user_id"
            " AND a.message_id = ?) OR EXISTS (SELECT 1 FROM checkin_steps x JOIN checkins y"
            " ON y.id = x.checkin_id WHERE y.user_id = u.user_id AND x.scored_by_message = ?))"
            f" AS stored_before FROM users u LEFT JOIN (SELECT {step_columns}"
            " FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND s.state = 'open'"
            " ORDER BY s.checkin_id DESC, s.position LIMIT 1) o ON 1 = 1 WHERE u.user_id = ?",
            (message_id, message_id, user_id, user_id),
        )
        if row is None:
            return Person(None, None, False)
        step = None
        if row["step_id"] is not None:
            names = row.keys()  # a row iterates its values, not its names
            step = step_from({k[5:]: row[k] for k in names if k.startswith("step_")})
        return Person(_user(row), step, bool(row["stored_before"]))

    async def create(
        self,
        *,
        user_id: int,
        chat_id: int,
        language: str,
        timezone: str,
        checkin_time: time,
        days: frozenset[int],
        onboarding_step: str,
        now: datetime,
    ) -> User:
        """Create the user with their first settings; an existing user is returned unchanged."""
        stamp = utc_text(now)
        await self._db.write(
            "INSERT INTO users (user_id, chat_id, language, timezone, checkin_time, days,"
            " onboarding_step, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (
                user_id,
                chat_id,
                language,
                timezone,
                time_text(checkin_time),
                days_mask(days),
                onboarding_step,
                stamp,
                stamp,
            ),
        )
        user = await self.get(user_id)
        assert user is not None
        return user

    async def update(self, user_id: int, now: datetime, **changes: Any) -> User:
        """Change some fields (see _ENCODERS) or moments, and return the updated user."""
        unknown = {name for name in changes if not _updatable(name)}
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        columns = ", ".join(f"{name} = ?" for name in changes)
        values = [_encoder(name)(value) for name, value in changes.items()]
        await self._db.write(
            f"UPDATE users SET {columns}, updated_at = ? WHERE user_id = ?",
            (*values, utc_text(now), user_id),
        )
        user = await self.get(user_id)
        if user is None:
            raise LookupError(f"no user {user_id}")
        return user

    async def advance_signpost(self, user_id: int, past: int) -> None:
        """Point the user at the signpost after `past`, unless that already happened."""
        await self._db.write(MOVE_PAST, moved_past(user_id, past))

    async def due(self, now: datetime, limit: int, column: str) -> list[User]:
        """Users whose moment in this column is due at or before now, earliest first."""
        moment_column(column)
        rows = await self._db.fetch_all(
            f"SELECT * FROM users WHERE {column} IS NOT NULL AND {column} <= ? AND active = 1"
            f" ORDER BY {column} LIMIT ?",
            (utc_text(now), limit),
        )
        return [_user(row) for row in rows]

    async def set_moments(
        self, column: str, moments: list[tuple[int, datetime | None]], now: datetime
    ) -> None:
        """Store the next moment in one column for many users in one transaction."""
        moment_column(column)
        await self._db.write_many(
            f"UPDATE users SET {column} = ?, updated_at = ? WHERE user_id = ?",
            [(None if m is None else utc_text(m), utc_text(now), u) for u, m in moments],
        )

    async def next_due_moment(self, columns: Sequence[str]) -> datetime | None:
        """The earliest moment in these columns (the `try` demo jumps the clock there)."""
        firsts = " UNION ALL ".join(
            f"SELECT MIN({moment_column(column)}) AS m FROM users" for column in columns
        )
        row = await self._db.fetch_one(f"SELECT MIN(m) FROM ({firsts}) AS firsts")
        return utc_value(row[0]) if row else None

    async def without_moment(self, column: str, after: int, limit: int) -> list[User]:
        """Onboarded, unpaused users with no moment in this column (a kind newer than they
        are, or one their settings leave without a moment), by user id after `after`."""
        rows = await self._db.fetch_all(
            "SELECT * FROM users WHERE onboarding_step IS NULL AND paused = 0"
            f" AND {moment_column(column)} IS NULL AND user_id > ? ORDER BY user_id LIMIT ?",
            (after, limit),
        )
        return [_user(row) for row in rows]

    async def delete(self, user_id: int) -> bool:
        """Erase the user and everything about them (cascades), also from the log file."""
        async with self._db.transaction():
            # Out of every team first: the admin role passes on, an emptied team goes.
            await leave_all_teams(self._db, user_id)
            deleted = await self._db.write("DELETE FROM users WHERE user_id = ?", (user_id,))
            # Updates not yet handled hold their words too (the inbox has no foreign key).
            await self._db.write("DELETE FROM inbox WHERE user_id = ?", (user_id,))
        await self._db.scrub_log()
        return deleted == 1

    async def counts(self, today: date) -> UserCounts:
        """Active, paused (today), unreachable and still-onboarding users."""
        row = await self._db.fetch_one(
            "SELECT"
            " COUNT(*) FILTER (WHERE active = 0),"
            " COUNT(*) FILTER (WHERE active = 1 AND onboarding_step IS NOT NULL),"
            " COUNT(*) FILTER (WHERE active = 1 AND onboarding_step IS NULL AND paused = 1"
            "     AND (paused_until IS NULL OR paused_until >= ?)),"
            " COUNT(*) FROM users",
            (today.isoformat(),),
        )
        assert row is not None  # an aggregate always gives one row
        inactive, onboarding, paused, total = row
        return UserCounts(total - inactive - onboarding - paused, paused, inactive, onboarding)
