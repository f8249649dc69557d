"""The SQLite engine: one aiosqlite connection per process, its pragmas and transactions.

Everything SQLite-specific about running statements lives here (and the log scrub in
storage/scrub.py, the file lock in storage/instance_lock.py); repositories see only the
interface of storage/database.py.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar
from weakref import WeakValueDictionary

import aiosqlite

from storage.crypto import AnswerCipher
from storage.database import DatabaseUnavailable, HeldLock, Params, Row
from storage.scrub import LogScrubber
from storage.url import DatabaseUrl

BUSY_TIMEOUT_MS = 5000
T = TypeVar("T")


class SqliteDatabase:
    """A single connection shared by the process (aiosqlite runs one thread per connection)."""

    def __init__(
        self, connection: aiosqlite.Connection, cipher: AnswerCipher, url: DatabaseUrl
    ) -> None:
        self._connection = connection
        self.cipher = cipher
        self.url = url
        self._scrubber = LogScrubber(url.path or ":memory:")
        # One connection serves many concurrent tasks: writes take turns, so one task's
        # transaction never swallows (or rolls back) another task's statements.
        self._write_lock = asyncio.Lock()
        self._owner: asyncio.Task[object] | None = None
        # The owner's BEGIN, not sent yet: it goes with the transaction's first statement.
        self._begin_due = False
        # Weak: a lock per user ("user:N") lives only while it is held or waited for.
        self._named_locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    skip_locked = ""  # a transaction here is alone: nobody else can claim the same rows
    single_instance = True  # storage/instance_lock.py: one process per file
    clock_sql = "((julianday('now') - 2440587.5) * 86400.0)"

    @classmethod
    async def open(cls, url: DatabaseUrl, cipher: AnswerCipher | None = None) -> SqliteDatabase:
        """Open (and create, owner-only) the database file with WAL and foreign keys on.

        Raises DatabaseUnavailable (one line) when the file cannot be created or is no
        SQLite database; the connection's thread is always closed then, so nothing hangs.
        """
        assert url.engine == "sqlite" and url.path is not None
        path = url.path
        if not url.in_memory:
            make_folder(path, url)
            try:
                path.touch(mode=0o600, exist_ok=True)
            except OSError as error:
                raise DatabaseUnavailable(url, f"cannot create it: {error.strerror}") from None
            _probe(url)
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
                raise unusable(url, error) from None
            raise
        return cls(connection, cipher or AnswerCipher(), url)

    # --- running a statement: one trip to aiosqlite's thread each ----------------------------

    async def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` on the connection in aiosqlite's thread, in one trip.

        aiosqlite's cursor makes a trip for the execute, another for the fetch and another for
        the close, each a hand-over between threads; a statement done in one costs about half
        the CPU (benchmarks/README.md, update handling). `_execute` is the queue aiosqlite's own
        helpers (execute_fetchall, execute_insert) use.
        """
        connection = self._connection
        raw = connection._conn  # the sqlite3 connection aiosqlite's thread owns
        if self._begin_due and self._owner is asyncio.current_task():
            self._begin_due = False  # sent now, in this trip (the thread runs trips in order)
            work = partial(_begun, work)
        result: T = await connection._execute(work, raw)  # type: ignore[no-untyped-call]
        return result

    # --- reading ---------------------------------------------------------------------

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        return await self._run(partial(_fetch_one, sql, params))

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        return await self._run(partial(_fetch_all, sql, params))

    # --- writing ---------------------------------------------------------------------

    async def write(self, sql: str, params: Params = ()) -> int:
        """One writing statement: atomic on its own (autocommit), or part of the caller's."""
        async with self._turn():
            return await self._run(partial(_write, sql, params))

    async def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        """One statement over many rows; in one transaction, so a thread hop is paid once."""
        async with self.transaction():
            return max(await self._run(partial(_write_many, sql, rows)), 0)

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """An `INSERT ... RETURNING id`: the new id, None when ON CONFLICT skipped the row."""
        # Stepped to its end and closed in the thread, inside the turn: in autocommit, that
        # is the commit.
        async with self._turn():
            row = await self._run(partial(_fetch_one, sql, params))
        return None if row is None else int(row[0])

    async def write_returning(self, sql: str, params: Params = ()) -> list[Row]:
        """A writing statement with RETURNING: its rows (read before the autocommit ends)."""
        async with self._turn():
            return await self._run(partial(_fetch_all, sql, params))

    async def write_together(self, statements: Sequence[tuple[str, Sequence[Params]]]) -> None:
        """Writing statements, each over its rows, in order and atomically: in one trip to
        aiosqlite's thread, BEGIN and COMMIT included (joins the task's transaction)."""
        await self.atomically(
            partial(_write_each, [(sql, rows) for sql, rows in statements if rows])
        )

    async def atomically(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work` on the connection, atomically, in one trip to aiosqlite's thread, BEGIN and
        COMMIT included (joins the task's transaction). SQLite's own: storage modules use it
        where a write's statements depend on each other's outcome."""
        async with self._turn():
            if self._owner is not None and self._owner is asyncio.current_task():
                return await self._run(work)
            # Whole in the thread, to its COMMIT or ROLLBACK, even if this task is cancelled
            # meanwhile: nothing is left open behind it.
            return await self._run(partial(_atomically, work))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Run a block atomically and alone; nested use in the same task joins the outer one.

        BEGIN IMMEDIATE (SQLite's write lock up front, so other processes wait, not fail) goes
        to aiosqlite's thread with the block's first statement, in one trip; a block that runs
        none begins nothing. The thread runs trips in order, so a COMMIT or ROLLBACK sent after
        a trip this task stopped waiting for (a cancel) still comes after it.
        """
        task = asyncio.current_task()
        if self._owner is not None and self._owner is task:
            yield
            return
        async with self._write_lock:
            self._owner, self._begin_due = task, True
            try:
                yield
            except BaseException:
                if not self._begin_due:
                    await self._run(_rollback)
                raise
            else:
                if not self._begin_due:
                    await self._run(_commit)
            finally:
                self._owner, self._begin_due = None, False

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        # Inside this task's transaction: join it. Otherwise wait for any other task's to end.
        if self._owner is not None and self._owner is asyncio.current_task():
            yield
            return
        async with self._write_lock:
            yield

    # --- locks across instances: one instance per file, so the process is enough ----------

    @asynccontextmanager
    async def hold_lock(self, name: str) -> AsyncIterator[None]:
        """Hold the lock `name` for the block (the file lock keeps other processes out)."""
        async with self._named_lock(name):
            yield

    async def try_hold_lock(self, name: str) -> HeldLock | None:
        """Take the lock `name` if no task of this process holds it, else None."""
        lock = self._named_lock(name)
        if lock.locked():
            return None
        await lock.acquire()
        return _ProcessLock(lock)

    def _named_lock(self, name: str) -> asyncio.Lock:
        lock = self._named_locks.get(name)
        if lock is None:
            lock = self._named_locks[name] = asyncio.Lock()
        return lock

    # --- erasing for real ------------------------------------------------------------

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

    def connections(self) -> dict[str, int]:
        """One connection, always open (aiosqlite runs it in its own thread)."""
        return {"size": 1, "idle": 1, "waiting": 0}

    def refusal(self, error: BaseException) -> DatabaseUnavailable | None:
        """The one-line refusal for an SQLite error met while opening."""
        if isinstance(error, sqlite3.DatabaseError):
            return unusable(self.url, error)
        return None

    async def close(self) -> None:
        """Close the connection; WAL content is checkpointed by SQLite on the last close."""
        await self._scrubber.close()
        await self._connection.close()


def _fetch_one(sql: str, params: Params, connection: sqlite3.Connection) -> Row | None:
    cursor = connection.execute(sql, params)
    try:
        row: Row | None = cursor.fetchone()
        if row is not None:
            cursor.fetchall()  # stepped to its end: a writing statement's autocommit is done
        return row
    finally:
        cursor.close()


def _fetch_all(sql: str, params: Params, connection: sqlite3.Connection) -> list[Row]:
    cursor = connection.execute(sql, params)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _write(sql: str, params: Params, connection: sqlite3.Connection) -> int:
    cursor = connection.execute(sql, params)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


def _begun(work: Callable[[sqlite3.Connection], T], connection: sqlite3.Connection) -> T:
    connection.execute("BEGIN IMMEDIATE")
    return work(connection)


def _commit(connection: sqlite3.Connection) -> None:
    if not connection.in_transaction:  # its BEGIN failed (busy): nothing began
        return
    try:
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _rollback(connection: sqlite3.Connection) -> None:
    if connection.in_transaction:  # else its BEGIN failed, or SQLite rolled back already
        connection.execute("ROLLBACK")


def _atomically(work: Callable[[sqlite3.Connection], T], connection: sqlite3.Connection) -> T:
    connection.execute("BEGIN IMMEDIATE")
    try:
        result = work(connection)
    except BaseException:
        _rollback(connection)
        raise
    _commit(connection)
    return result


def _write_each(
    statements: list[tuple[str, Sequence[Params]]], connection: sqlite3.Connection
) -> None:
    for sql, rows in statements:
        if len(rows) == 1:
            connection.execute(sql, rows[0]).close()
        else:
            connection.executemany(sql, rows).close()


def _write_many(sql: str, rows: Iterable[Params], connection: sqlite3.Connection) -> int:
    cursor = connection.executemany(sql, rows)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


class _ProcessLock:
    """A named lock of this process, taken with try_hold_lock."""

    def __init__(self, lock: asyncio.Lock) -> None:
        self._lock: asyncio.Lock | None = lock

    async def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _probe(url: DatabaseUrl) -> None:
    # A plain open first: when aiosqlite's connect fails, its thread outlives the event loop.
    path = Path(url.path or "")
    if path.is_dir():
        raise DatabaseUnavailable(url, "it is a folder, not a database file")
    try:
        sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True).close()
    except sqlite3.Error as error:
        raise DatabaseUnavailable(url, f"cannot open it: {error}") from None


def make_folder(path: str | os.PathLike[str], where: DatabaseUrl | None = None) -> None:
    """Create the database's folder (owner-only) or raise DatabaseUnavailable saying why not."""
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), None)
        reason = f"{blocker} is a file" if blocker else error.strerror
        raise DatabaseUnavailable(
            where or path, f"cannot create its folder {folder}: {reason}"
        ) from None


def unusable(where: DatabaseUrl, error: sqlite3.DatabaseError) -> DatabaseUnavailable:
    """The one-line refusal for a file SQLite cannot use (corrupt, not a database, locked)."""
    if "locked" in str(error):
        return DatabaseUnavailable(where, f"another program holds it ({error}); try again soon")
    return DatabaseUnavailable(
        where, f"not a usable SQLite database ({error}); restore a backup or choose another path"
    )
