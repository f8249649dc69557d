"""Moving up: copy a whole SQLite database into an empty PostgreSQL one, rows as stored.

Rows travel as the database holds them, so sealed answers stay sealed and no key is needed.
The tables and their columns come from each side's catalog, compared; schema_migrations is
not copied (the target's own migrate writes it). Everything is written in ONE transaction on
the target: a copy that fails half-way leaves it as empty as it was, so the operator fixes
the cause and runs the same command again, instead of cleaning up a half-filled database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from storage.database import Database
from storage.engine import open_engine
from storage.migrate import available_migrations, migrate
from storage.url import DatabaseUrl

BATCH = 2_000  # rows read and written at a time: memory stays flat for any table size
NOT_COPIED = "schema_migrations"
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")  # a catalog name we put into SQL unquoted

# The catalog questions, per engine: tables, their columns, and which tables each references.
_CATALOG = {
    "sqlite": {
        "tables": "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name",
        "columns": "SELECT name FROM pragma_table_info(?) ORDER BY cid",
        "references": 'SELECT m.name, f."table" FROM sqlite_master AS m,'
        " pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'",
    },
    "postgresql": {
        "tables": "SELECT table_name FROM information_schema.tables WHERE table_schema ="
        " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        "columns": "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = ? ORDER BY ordinal_position",
        "references": "SELECT src.relname, dst.relname FROM pg_constraint AS c"
        " JOIN pg_class AS src ON src.oid = c.conrelid JOIN pg_class AS dst ON dst.oid ="
        " c.confrelid JOIN pg_namespace AS n ON n.oid = c.connamespace"
        " WHERE c.contype = 'f' AND n.nspname = current_schema()",
    },
}
# PostgreSQL's identity columns, and moving each one's sequence past the copied ids.
_IDENTITIES = (
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema ="
    " current_schema() AND is_identity = 'YES' ORDER BY table_name"
)
_RESTART = "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX({column}), 0) + 1, false)"


class CopyRefused(Exception):
    """Nothing was copied; the message is one line saying why and what to do."""


@dataclass(frozen=True)
class TableCount:
    """One table's rows on both sides after the copy."""

    table: str
    source: int
    target: int


async def copy_database(
    source_url: DatabaseUrl,
    target_url: DatabaseUrl,
    copied: Callable[[str, int], None] = lambda table, rows: None,
) -> list[TableCount]:
    """Copy every table of the SQLite `source_url` into the empty `target_url`.

    The target is migrated to this code's schema first; the source must already be there.
    `copied(table, rows)` is told as each table is written. Returns the row counts of both
    sides, counted again after the commit. Raises CopyRefused (nothing written) for a source
    not at the newest migration, a target that holds data, or schemas that differ; and
    DatabaseUnavailable when either database cannot be opened.
    """
    if source_url.engine != "sqlite" or source_url.path is None or source_url.in_memory:
        raise CopyRefused("copy-db copies from a SQLite file (DATABASE_URL=sqlite:///…)")
    if not source_url.path.is_file():
        raise CopyRefused(f"there is no database at {source_url.shown}")
    source = await open_engine(source_url)  # no cipher: rows are copied as they are stored
    try:
        await _require_newest(source)
        target = await open_engine(target_url)
        try:
            await _require_empty(target)
            await migrate(target)
            tables = await _same_tables(source, target)
            async with target.transaction():
                for table in _referenced_first(tables, await _references(target)):
                    copied(table, await _copy_table(source, target, table, tables[table]))
                if target.url.engine == "postgresql":
                    await _restart_identities(target, tables)
            return [
                TableCount(table, await _count(source, table), await _count(target, table))
                for table in sorted(tables)
            ]
        finally:
            await target.close()
    finally:
        await source.close()


def masked(url: DatabaseUrl) -> str:
    """The URL as the operator wrote it, with any password replaced by ****."""
    if url.engine != "postgresql" or url.dsn is None:
        return url.shown
    parts = urlsplit(url.dsn)
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}:****@{host}"
    # The options as written (host=/run/postgresql, sslmode=…); only a password is hidden.
    options = parts.query.split("&") if parts.query else []
    query = "&".join("password=****" if o.startswith("password=") else o for o in options)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


async def _require_newest(source: Database) -> None:
    # By number, not by count: a number may be missing while branches merge (storage.migrate).
    known = {m.number for m in available_migrations(source.url.engine)}
    newest = max(known)
    done = set()
    if NOT_COPIED in await _tables(source):
        done = {
            int(row[0]) for row in await source.fetch_all("SELECT number FROM schema_migrations")
        }
    if done == known:
        return
    if done and max(done) > newest:
        raise CopyRefused(
            f"{source.url.shown} is at migration {max(done):04d}, newer than this version of"
            f" Sherpa ({newest:04d}); copy it with the version that wrote it"
        )
    at = f"migration {max(done):04d}" if done else "no migration"
    raise CopyRefused(
        f"{source.url.shown} is at {at}, this version's newest is {newest:04d}: run"
        " `python -m bot migrate` first (with the bot stopped), then copy-db again"
    )


async def _require_empty(target: Database) -> None:
    for table in sorted(await _tables(target)):
        if table != NOT_COPIED and (rows := await _count(target, table)):
            raise CopyRefused(
                f"{target.url.shown} is not empty (table {table} has {rows} rows);"
                " copy-db fills only an empty database: create a new one, or drop this one's"
                " tables if you are sure it holds nothing you need"
            )


async def _same_tables(source: Database, target: Database) -> dict[str, list[str]]:
    """Each table's columns, the same on both sides (as the same migrations made them)."""
    source_tables = await _tables(source) - {NOT_COPIED}
    target_tables = await _tables(target) - {NOT_COPIED}
    if source_tables != target_tables:
        only = sorted(source_tables ^ target_tables)
        raise CopyRefused(f"the two schemas differ in tables: {', '.join(only)}")
    columns = {}
    for table in sorted(source_tables):
        mine, theirs = await _columns(source, table), await _columns(target, table)
        if set(mine) != set(theirs):
            only = sorted(set(mine) ^ set(theirs))
            raise CopyRefused(f"the two schemas differ in {table}'s columns: {', '.join(only)}")
        columns[table] = mine
    return columns


def _referenced_first(tables: Iterable[str], references: dict[str, set[str]]) -> list[str]:
    """The tables in an order where every table comes after the tables it references."""
    order: list[str] = []
    waiting = dict.fromkeys(sorted(tables))
    while waiting:
        ready = [t for t in waiting if not (references.get(t, set()) - {t}) - set(order)]
        if not ready:
            raise CopyRefused(f"the tables reference each other in a cycle: {', '.join(waiting)}")
        for table in ready:
            order.append(table)
            del waiting[table]
    return order


async def _copy_table(source: Database, target: Database, table: str, columns: list[str]) -> int:
    """Every row, in rowid order (SQLite's own order), BATCH at a time."""
    names = ", ".join(columns)
    select = f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?"
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    last, total = -(2**63), 0
    while rows := await source.fetch_all(select, (last, BATCH)):
        await target.write_many(insert, [tuple(row)[1:] for row in rows])
        last, total = rows[-1][0], total + len(rows)
    return total


async def _restart_identities(target: Database, tables: dict[str, list[str]]) -> None:
    for row in await target.fetch_all(_IDENTITIES):
        table, column = _checked(row[0]), _checked(row[1])
        if table in tables:
            await target.fetch_one(
                _RESTART.format(column=column) + f" FROM {table}", (table, column)
            )


async def _references(db: Database) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in await db.fetch_all(_CATALOG[db.url.engine]["references"]):
        found.setdefault(_checked(row[0]), set()).add(_checked(row[1]))
    return found


async def _tables(db: Database) -> set[str]:
    return {_checked(row[0]) for row in await db.fetch_all(_CATALOG[db.url.engine]["tables"])}


async def _columns(db: Database, table: str) -> list[str]:
    rows = await db.fetch_all(_CATALOG[db.url.engine]["columns"], (table,))
    return [_checked(row[0]) for row in rows]


async def _count(db: Database, table: str) -> int:
    row = await db.fetch_one(f"SELECT COUNT(*) FROM {_checked(table)}")
    return int(row[0]) if row else 0


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise CopyRefused(f"a table or column named {name!r} is not one Sherpa made")
    return name
