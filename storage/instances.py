"""The instances' presence and whose turn it is: leases measured on the database's clock.

An instance registers a row and renews it while it lives (bot/core/presence.py). Everything it
holds (inbox rows, outbox items, turns) names that row, and is held exactly while the row is
alive: one renewal keeps all of it, and an instance that stops renewing (killed, frozen, cut
off) loses all of it within one lease, on every other instance's reading of the same clock.
"""

from __future__ import annotations

from storage.database import Database


def live_holder(db: Database, column: str) -> str:
    """SQL that is true when `column` names an instance that is alive now."""
    return (
        f"EXISTS (SELECT 1 FROM instances live WHERE live.id = {column}"
        f" AND live.alive_until > {db.clock_sql})"
    )


class InstanceRepository:
    """The instances table: register, renew, forget; and the database's clock."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def clock(self) -> float:
        """The database's time, in seconds since the epoch."""
        row = await self._db.fetch_one(f"SELECT {self._db.clock_sql}")
        assert row is not None
        return float(row[0])

    async def register(self, instance: str, lease: float) -> None:
        """Announce a new instance, alive for `lease` seconds from now (database time)."""
        clock = self._db.clock_sql
        await self._db.write(
            f"INSERT INTO instances (id, alive_until, started_at) VALUES (?, {clock} + ?, {clock})",
            (instance, lease),
        )

    async def renew(self, instance: str, lease: float) -> bool:
        """Keep an instance alive `lease` seconds more; False when its row is gone."""
        changed = await self._db.write(
            f"UPDATE instances SET alive_until = {self._db.clock_sql} + ? WHERE id = ?",
            (lease, instance),
        )
        return changed > 0

    async def forget(self, instance: str) -> None:
        """The instance stops (or its lease lapsed): whatever it held is free at once."""
        await self._db.write("DELETE FROM instances WHERE id = ?", (instance,))

    async def forget_all_but(self, instance: str) -> None:
        """Only `instance` can be alive (SQLite's file lock): the rest were earlier runs."""
        await self._db.write("DELETE FROM instances WHERE id <> ?", (instance,))

    async def forget_gone(self, older_than: float) -> int:
        """Remove rows that lapsed over `older_than` seconds ago (nothing reads them)."""
        return await self._db.write(
            f"DELETE FROM instances WHERE alive_until < {self._db.clock_sql} - ?", (older_than,)
        )


class TurnRepository:
    """The turns table: one holder at a time per name, taken over from a gone instance."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def take(self, name: str, holder: str, token: str) -> bool:
        """Take the turn `name` for `holder`'s task `token`; False while a live other has it.

        A turn held by `holder` itself is taken as well: within an instance a name is held by
        one task at a time (bot/core/turns.py), so such a row is one whose release failed.
        """
        changed = await self._db.write(
            "INSERT INTO turns (name, holder, token) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token"
            f" WHERE turns.holder = excluded.holder OR NOT {live_holder(self._db, 'turns.holder')}",
            (name, holder, token),
        )
        return changed > 0

    async def take_many(self, wanted: list[tuple[str, str, str]]) -> set[tuple[str, str]]:
        """`take` for several (name, holder, token) in one statement; the (name, token) taken.

        Each name once (a name comes again in a later statement).
        """
        rows = list({name: (name, holder, token) for name, holder, token in wanted}.values())
        if not rows:
            return set()
        taken = await self._db.write_returning(
            "INSERT INTO turns (name, holder, token) VALUES"
            f" {', '.join('(?, ?, ?)' for _ in rows)}"
            " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token"
            f" WHERE turns.holder = excluded.holder OR NOT {live_holder(self._db, 'turns.holder')}"
            " RETURNING name, token",
            [value for row in rows for value in row],
        )
        return {(str(row[0]), str(row[1])) for row in taken}

    async def release_many(self, held: list[tuple[str, str]]) -> None:
        """`release` for several (name, token) in one statement."""
        if not held:
            return
        await self._db.write(
            f"DELETE FROM turns WHERE {' OR '.join('(name = ? AND token = ?)' for _ in held)}",
            [value for pair in held for value in pair],
        )

    async def release(self, name: str, token: str) -> None:
        """Let the turn go (only if this task still holds it)."""
        await self._db.write("DELETE FROM turns WHERE name = ? AND token = ?", (name, token))

    async def release_all(self, holder: str) -> None:
        """Let every turn of an instance go (it stops)."""
        await self._db.write("DELETE FROM turns WHERE holder = ?", (holder,))
