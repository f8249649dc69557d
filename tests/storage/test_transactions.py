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
