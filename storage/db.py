"""The one aiosqlite connection of the process, its pragmas and transactions."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.crypto import AnswerCipher

BUSY_TIMEOUT_MS = 5000


class Database:
    """A single connection shared by the process (aiosqlite runs one thread per connection)."""

    def __init__(self, connection: aiosqlite.Connection, cipher: AnswerCipher) -> None:
        self.connection = connection
        self.cipher = cipher
        # One connection serves many concurrent tasks: writes take turns, so one task's
        # transaction never swallows (or rolls back) another task's statements.
        self._write_lock = asyncio.Lock()
        self._owner: asyncio.Task[object] | None = None

    @classmethod
    async def open(cls, path: str | Path, cipher: AnswerCipher | None = None) -> Database:
        """Open (and create, owner-only) the database file with WAL and foreign keys on."""
        if str(path) != ":memory:":
            folder = Path(path).parent
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            Path(path).touch(mode=0o600, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is explicit.
        connection = await aiosqlite.connect(os.fspath(path), isolation_level=None)
        connection.row_factory = aiosqlite.Row
        await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA synchronous = NORMAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten with zeros, so erased reflections do not linger in
        # free pages of the file.
        await connection.execute("PRAGMA secure_delete = ON")
        return cls(connection, cipher or AnswerCipher())

    async def scrub_log(self) -> None:
        """Copy the write-ahead log into the file and empty it, so deleted text leaves it too."""
        await self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def close(self) -> None:
        """Close the connection; WAL content is checkpointed by SQLite on the last close."""
        await self.connection.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run a block atomically and alone; nested use in the same task joins the outer one."""
        task = asyncio.current_task()
        if self._owner is not None and self._owner is task:
            yield self.connection
            return
        async with self._write_lock:
            # IMMEDIATE takes SQLite's write lock up front, so other processes wait, not fail.
            await self.connection.execute("BEGIN IMMEDIATE")
            self._owner = task
            try:
                yield self.connection
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
            else:
                await self.connection.execute("COMMIT")
            finally:
                self._owner = None

    async def write(self, sql: str, parameters: Sequence[object] = ()) -> aiosqlite.Cursor:
        """One writing statement: atomic on its own (autocommit), or part of the caller's."""
        if self._owner is not None and self._owner is asyncio.current_task():
            return await self.connection.execute(sql, parameters)
        async with self._write_lock:  # never inside another task's open transaction
            return await self.connection.execute(sql, parameters)
