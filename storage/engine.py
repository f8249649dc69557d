"""The one place where the database engine is chosen from a DatabaseUrl.

Adding an engine means: an implementation of storage.database.Database, its migrations
folder (storage.migrate.MIGRATIONS), and one branch here. Callers and repositories stay as
they are.
"""

from __future__ import annotations

from storage.crypto import AnswerCipher
from storage.database import Database, DatabaseUnavailable
from storage.url import DatabaseUrl

ENGINES = ("sqlite", "postgresql")  # the engines this version can open


def ensure_supported(url: DatabaseUrl) -> None:
    """Raise DatabaseUnavailable (one line) for an engine this version cannot open."""
    if url.engine not in ENGINES:
        raise DatabaseUnavailable(url, f"the {url.engine} engine is not supported")


async def open_engine(url: DatabaseUrl, cipher: AnswerCipher | None = None) -> Database:
    """Open the database `url` names, with the engine it names."""
    ensure_supported(url)
    if url.engine == "postgresql":
        # Imported here: a SQLite-only deployment never loads psycopg.
        from storage.postgres import PostgresDatabase

        return await PostgresDatabase.open(url, cipher)
    from storage.sqlite import SqliteDatabase

    return await SqliteDatabase.open(url, cipher)
