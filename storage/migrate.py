"""Numbered SQL migrations per engine, applied in order, each in a transaction.

Each engine has its folder under storage/migrations/ (named in MIGRATIONS), the same numbers
meaning the same schema step on every engine. A number may be missing while branches that took
numbers ahead are merged (0014 came after 0015): each migration is applied once, by number,
whatever was applied before it, so they must not depend on the order of unrelated steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from storage.database import Database, DatabaseUnavailable

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A SQLite migration that rebuilds a table says so on its first line: it runs with foreign keys
# off (a DROP TABLE would otherwise cascade), and they are checked before it commits.
REBUILDS = "-- sherpa: rebuilds a table"
# engine -> folder inside the storage package
MIGRATIONS = {"sqlite": "migrations/sqlite", "postgresql": "migrations/postgresql"}
# Instances starting together on one PostgreSQL migrate one after the other, not at once.
MIGRATION_LOCK = "sherpa.migrate"


@dataclass(frozen=True)
class Migration:
    """One migration file: its number, name and SQL."""

    number: int
    name: str
    sql: str


def available_migrations(engine: str = "sqlite") -> list[Migration]:
    """Every migration shipped for the engine, in number order."""
    folder = resources.files("storage").joinpath(*MIGRATIONS[engine].split("/"))
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers) or (numbers and numbers[0] != 1):
        raise RuntimeError(f"migration numbers must be unique and start at 1, found {numbers}")
    return found


async def applied_migrations(db: Database) -> set[int]:
    """Numbers of the migrations recorded in the database."""
    await db.write(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in await db.fetch_all("SELECT number FROM schema_migrations")}


async def migrate(db: Database) -> list[str]:
    """Apply pending migrations; returns the names applied (empty when up to date).

    Raises DatabaseUnavailable when the database holds migrations this code does not know:
    a newer Sherpa wrote it, and this one could misread or damage what it stored.
    """
    async with db.hold_lock(MIGRATION_LOCK):
        return await _migrate(db)


async def _migrate(db: Database) -> list[str]:
    done = await applied_migrations(db)
    known = available_migrations(db.url.engine)
    if unknown := sorted(done - {m.number for m in known}):
        raise DatabaseUnavailable(
            db.url,
            f"its schema is newer than this version of Sherpa (migration {unknown[-1]:04d},"
            f" this code knows up to {known[-1].number:04d});"
            " run the newer version or restore a backup",
        )
    applied = []
    for migration in known:
        if migration.number in done:
            continue
        rebuilds = db.url.engine == "sqlite" and migration.sql.startswith(REBUILDS)
        if rebuilds:
            await db.write("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            await _apply(db, migration, check_keys=rebuilds)
        finally:
            if rebuilds:
                await db.write("PRAGMA foreign_keys = ON")
        applied.append(migration.name)
    return applied


async def _apply(db: Database, migration: Migration, *, check_keys: bool) -> None:
    async with db.transaction():
        # A whole script at once could COMMIT on its own; run statement by statement.
        for statement in _statements(migration.sql):
            await db.write(statement)
        if check_keys and await db.fetch_all("PRAGMA foreign_key_check"):
            raise RuntimeError(f"{migration.name} would break a foreign key")  # rolled back
        await db.write(
            "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
            (migration.number, migration.name, datetime.now(UTC).isoformat()),
        )


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (our migrations hold no semicolons in literals; a
    function's body, between $$ and $$, is part of its statement)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    parts = "\n".join(lines).split("$$")
    statements, current = [], ""
    for index, part in enumerate(parts):
        if index % 2:  # inside $$ ... $$: kept whole
            current += f"$${part}$$"
            continue
        *ended, current_end = part.split(";")
        for piece in ended:
            statements.append(current + piece)
            current = ""
        current += current_end
    statements.append(current)
    return [s.strip() for s in statements if s.strip()]
