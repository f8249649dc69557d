"""Reading a migrated schema back from either engine's catalog, for the storage tests."""

from __future__ import annotations

from storage.database import Database

_TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
}


async def table_names(db: Database) -> set[str]:
    """The tables in the database (PostgreSQL: in its public schema)."""
    return {row[0] for row in await db.fetch_all(_TABLES[db.url.engine])}
