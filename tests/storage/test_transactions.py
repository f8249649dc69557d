"""A transaction cancelled while it waits for SQLite's lock leaves none open behind it.

SQLite only: aiosqlite's thread runs a BEGIN a cancel cannot stop; psycopg has no such thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime

from storage import Storage


async def test_a_cancel_while_begin_waits_leaves_no_transaction_open(tmp_path):
    path = tmp_path / "sherpa.sqlite3"
    storage = await Storage.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        waiting = asyncio.create_task(_transaction(storage))
        await asyncio.sleep(0.2)  # our BEGIN IMMEDIATE now waits in aiosqlite's thread
        waiting.cancel()
        await asyncio.sleep(0.1)
        other.execute("COMMIT")  # the lock is free: the abandoned BEGIN runs now
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        await storage.inbox.store(1, 1, "{}", datetime.now(UTC))
        # Written in autocommit, so another connection sees it at once.
        with contextlib.closing(sqlite3.connect(path)) as reader:
            assert reader.execute("SELECT count(*) FROM inbox").fetchone() == (1,)
    finally:
        other.close()
        await storage.close()


async def _transaction(storage: Storage) -> None:
    async with storage.transaction():
        await asyncio.sleep(10)


async def test_statements_written_together_are_all_or_nothing(tmp_path):
    """write_together (the inbox's finish on SQLite: one trip to aiosqlite's thread) commits
    all its statements or none; inside a transaction it joins it; a block that ran no
    statement began nothing."""
    storage = await Storage.open(tmp_path / "sherpa.sqlite3")
    db = storage._db
    insert = "INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)"
    try:
        async with storage.transaction():
            pass  # no statement: no BEGIN sent, nothing to commit
        await db.write_together([(insert, [(1, "2026-01-01"), (2, "2026-01-01")]), (insert, [])])
        with contextlib.suppress(sqlite3.IntegrityError):
            await db.write_together([(insert, [(3, "2026-01-01")]), (insert, [(1, "x")])])
        async with storage.transaction():
            await db.write_together([(insert, [(4, "2026-01-01")])])
            await db.write(insert, (5, "2026-01-01"))
        with contextlib.suppress(RuntimeError):
            async with storage.transaction():
                await db.write(insert, (6, "2026-01-01"))
                raise RuntimeError("undone")
        rows = await db.fetch_all("SELECT update_id FROM handled_updates ORDER BY update_id")
        assert [row[0] for row in rows] == [1, 2, 4, 5]
        assert not db._connection._conn.in_transaction
    finally:
        await storage.close()
