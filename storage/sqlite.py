"""The one aiosqlite connection of the process, its pragmas and transactions."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.crypto import AnswerCipher
from storage.scrub import LogScrubber

BUSY_TIMEOUT_MS = 5000


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used as it is; the message is one line."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"DATABASE_PATH ({path}): {reason}")


class Database:
    """A single connection shared by the process (aiosqlite runs one thread per connection)."""

    def __init__(
        self, connection: aiosqlite.Connection, cipher: AnswerCipher, path: str | Path = ":memory:"
    ) -> None:
        self.connection = connection
        self.cipher = cipher
        self.path = path
        self._scrubber = LogScrubber(path)
        # One connection serves many concurrent tasks: writes take turns, so one task's
        # transaction never swallows (or rolls back) another task's statements.
        self._write_lock = asyncio.Lock()
        self._owner: asyncio.Task[object] | None = None

    @classmethod
    async def open(cls, path: str | Path, cipher: AnswerCipher | None = None) -> Database:
        """Open (and create, owner-only) the database file with WAL and foreign keys on.

        Raises DatabaseUnavailable (one line) when the file cannot be created or is no
        SQLite database; the connection's thread is always closed then, so nothing hangs.
        """
        if str(path) != ":memory:":
            make_folder(path)
            try:
                Path(path).touch(mode=0o600, exist_ok=True)
            except OSError as error:
                raise DatabaseUnavailable(path, f"cannot create it: {error.strerror}") from None
            _probe(path)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is explicit.
        connection = await aiosqlite.connect(os.fspath(path), isolation_level=None)
        try:
            connection.row_factory = aiosqlite.Row
            await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten with zeros, so erased reflections do not linger in
            # free pages of the file.
            await connection.execute("PRAGMA secure_delete = ON")
        except BaseException as error:
            await connection.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise unusable(path, error) from None
            raise
        return cls(connection, cipher or AnswerCipher(), path)

    async def scrub_log(self) -> bool:
        """Empty the write-ahead log, so erased or replaced text leaves the files too.

        Every erase, mask, undo, edit and retention run calls this after its commit. True when
        the log is empty now; False when a reader (a backup, an sqlite3 shell) still holds an
        older snapshot: it is then retried in the background until it succeeds.
        """
        return await self._scrubber.scrub()

    async def scrub_log_once(self) -> bool:
        """One attempt at emptying the log, no waiting (at open: leftovers of a crash)."""
        return await self._scrubber.attempt()

    @property
    def scrub_owed(self) -> bool:
        """Whether erased text may still be in the write-ahead log (a reader holds it)."""
        return self._scrubber.owed

    async def close(self) -> None:
        """Close the connection; WAL content is checkpointed by SQLite on the last close."""
        await self._scrubber.close()
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


def _probe(path: str | Path) -> None:
    # A plain open first: when aiosqlite's connect fails, its thread outlives the event loop.
    if Path(path).is_dir():
        raise DatabaseUnavailable(path, "it is a folder, not a database file")
    try:
        sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True).close()
    except sqlite3.Error as error:
        raise DatabaseUnavailable(path, f"cannot open it: {error}") from None


def make_folder(path: str | Path) -> None:
    """Create the database's folder (owner-only) or raise DatabaseUnavailable saying why not."""
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), None)
        reason = f"{blocker} is a file" if blocker else error.strerror
        raise DatabaseUnavailable(path, f"cannot create its folder {folder}: {reason}") from None


def unusable(path: str | Path, error: sqlite3.DatabaseError) -> DatabaseUnavailable:
    """The one-line refusal for a file SQLite cannot use (corrupt, not a database, locked)."""
    if "locked" in str(error):
        return DatabaseUnavailable(path, f"another program holds it ({error}); try again soon")
    return DatabaseUnavailable(
        path, f"not a usable SQLite database ({error}); restore a backup or choose another path"
    )
