"""The PostgreSQL engine: psycopg 3 (async) over a psycopg_pool pool, advisory locks.

Everything PostgreSQL-specific about running statements lives here; repositories see only
the interface of storage/database.py and write portable SQL with `?` placeholders.

Within one instance, writes and transactions take turns exactly as on SQLite (the
repositories' read-then-write blocks were written for that); across instances, rows are
claimed with `skip_locked` and work that must be alone runs under `hold_lock`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool

from storage.crypto import AnswerCipher
from storage.database import DatabaseUnavailable, HeldLock, Params
from storage.database import Row as RowType
from storage.postgres_adapt import lock_key, row_maker, translate, unreachable
from storage.url import DatabaseUrl

POOL_SIZE = 10  # connections per instance; a task holding a lock or a transaction keeps one
CONNECT_TIMEOUT_S = 10
# How long a statement waits for a pooled connection before it fails (psycopg_pool's
# PoolTimeout): connections are held for one statement or one short transaction, so a longer
# wait means the database is away, and the update is given back to be tried again.
POOL_WAIT_S = 10
# A session left inside a transaction this long (its instance frozen, say) is ended by the
# server, so the rows it locked (the send schedule, a claim) do not stop every instance.
IDLE_IN_TRANSACTION_MS = 15_000
Connection = psycopg.AsyncConnection[Any]


class PostgresDatabase:
    """A pool of connections; a task in a transaction or holding a lock keeps its own one."""

    skip_locked = "FOR UPDATE SKIP LOCKED"
    single_instance = False  # any number of instances may share the database
    clock_sql = "EXTRACT(EPOCH FROM clock_timestamp())::DOUBLE PRECISION"

    def __init__(self, pool: AsyncConnectionPool[Any], cipher: AnswerCipher, url: DatabaseUrl):
        self._pool = pool
        self.cipher = cipher
        self.url = url
        # The connection a task is bound to (inside its transaction or a held lock), and
        # whether that task's transaction is open on it.
        self._bound: dict[asyncio.Task[Any], Connection] = {}
        self._in_transaction: set[asyncio.Task[Any]] = set()
        self._write_lock = asyncio.Lock()  # writes take turns in the instance, as on SQLite
        self._try_locks: set[_AdvisoryLock] = set()  # let go at close, if not before

    @classmethod
    async def open(cls, url: DatabaseUrl, cipher: AnswerCipher | None = None) -> PostgresDatabase:
        """Connect (once, to say clearly why not) and open the pool.

        Raises DatabaseUnavailable (one line, never the password) when the server cannot be
        reached, refuses the login, or has no such database.
        """
        assert url.engine == "postgresql" and url.dsn is not None
        dsn = url.dsn
        try:
            probe = await psycopg.AsyncConnection.connect(dsn, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise unreachable(url, error) from None
        await probe.close()
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            dsn,
            min_size=1,
            max_size=POOL_SIZE,
            open=False,
            kwargs={"autocommit": True, "row_factory": row_maker},
            # No check on every checkout (a round trip per statement): a connection the server
            # dropped fails one statement, is discarded by the pool, and the caller retries.
            name="sherpa",
            timeout=POOL_WAIT_S,
            configure=_configure,
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, cipher or AnswerCipher(), url)

    # --- running a statement on the right connection --------------------------------------

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        bound = self._bound.get(_task())
        if bound is not None:
            yield bound
            return
        async with self._pooled() as connection:
            yield connection

    @asynccontextmanager
    async def _pooled(self) -> AsyncIterator[Connection]:
        """A connection from the pool (waited for at most POOL_WAIT_S, else PoolTimeout).

        Not the pool's `connection()`: its `async with connection` sends the connection's
        COMMIT or ROLLBACK through psycopg's lock and wait on every statement, with nothing to
        end here (autocommit; a transaction ends in `transaction`). The pool rolls back one
        given back inside a transaction, and closes one given back mid-statement.
        """
        connection = await self._pool.getconn()
        try:
            yield connection
        finally:
            await self._pool.putconn(connection)

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        # Inside this task's transaction: join it. Otherwise wait for any other task's to end.
        if _task() in self._in_transaction:
            yield
            return
        async with self._write_lock:
            yield

    async def fetch_one(self, sql: str, params: Params = ()) -> RowType | None:
        """The first row of a query, or None."""
        query, values = translate(sql, params)
        async with self._connection() as connection:
            cursor = await connection.execute(query, values)
            row: RowType | None = await cursor.fetchone()
        return row

    async def fetch_all(self, sql: str, params: Params = ()) -> list[RowType]:
        """Every row of a query."""
        query, values = translate(sql, params)
        async with self._connection() as connection:
            cursor = await connection.execute(query, values)
            return list(await cursor.fetchall())

    async def write(self, sql: str, params: Params = ()) -> int:
        """One writing statement: atomic on its own (autocommit), or part of the caller's."""
        query, values = translate(sql, params)
        async with self._connection() as connection, self._turn():
            cursor = await connection.execute(query, values)
            return max(cursor.rowcount, 0)

    async def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        """One statement over many rows, in one transaction; rows changed in all."""
        batch = [translate(sql, row) for row in rows]
        if not batch:
            return 0
        query = batch[0][0]
        async with self.transaction(), self._connection() as connection:
            cursor = connection.cursor()
            await cursor.executemany(query, [values or () for _, values in batch])
            return max(cursor.rowcount, 0)

    async def write_together(self, statements: Sequence[tuple[str, Sequence[Params]]]) -> None:
        """Writing statements, each over its rows, in order, in one transaction."""
        async with self.transaction():
            for sql, rows in statements:
                if rows:
                    await self.write_many(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """An `INSERT ... RETURNING id`: the new id, None when ON CONFLICT skipped the row."""
        query, values = translate(sql, params)
        async with self._connection() as connection, self._turn():
            cursor = await connection.execute(query, values)
            row = await cursor.fetchone()
        return None if row is None else int(row[0])

    async def write_returning(self, sql: str, params: Params = ()) -> list[RowType]:
        """A writing statement with RETURNING: its rows."""
        query, values = translate(sql, params)
        async with self._connection() as connection, self._turn():
            cursor = await connection.execute(query, values)
            return list(await cursor.fetchall())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Run a block atomically and alone in this instance; nested use joins the outer one."""
        task = _task()
        if task in self._in_transaction:
            yield
            return
        # The connection before the turn: a task waiting for the pool must not hold the turn
        # that tasks holding connections (under hold_lock) wait for.
        async with self._bind(task) as connection, self._write_lock:
            self._in_transaction.add(task)
            try:
                async with connection.transaction():
                    yield
            finally:
                self._in_transaction.discard(task)

    @asynccontextmanager
    async def _bind(self, task: asyncio.Task[Any]) -> AsyncIterator[Connection]:
        """The task's own connection for the block (the one it is bound to already, if any)."""
        bound = self._bound.get(task)
        if bound is not None:
            yield bound
            return
        async with self._pooled() as connection:
            self._bound[task] = connection
            try:
                yield connection
            finally:
                del self._bound[task]

    # --- locks across instances: advisory locks ------------------------------------------

    @asynccontextmanager
    async def hold_lock(self, name: str) -> AsyncIterator[None]:
        """Hold the advisory lock `name` for the block, waiting for it if another has it.

        The lock lives on a pooled connection the task keeps for the block (its statements
        run there too), so a task holding a lock needs no second connection. Take it before a
        transaction, never inside one: a transaction waiting for an advisory lock while it
        holds rows could wait for a task that waits for this instance's turn to write.
        """
        key = lock_key(name)
        async with self._bind(_task()) as connection:
            try:
                await connection.execute("SELECT pg_advisory_lock(%s)", (key,))
                yield
            finally:
                # Also after a cancel while waiting: the lock may have been granted just then.
                await _unlock(connection, key)

    async def try_hold_lock(self, name: str) -> HeldLock | None:
        """Take the advisory lock `name` if it is free, else None (no waiting).

        It lives on a connection of its own, outside the pool, until release: if this
        process dies, the server ends the session and the lock with it.
        """
        assert self.url.dsn is not None
        key = lock_key(name)
        connection = await psycopg.AsyncConnection.connect(
            self.url.dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
        )
        try:
            cursor = await connection.execute("SELECT pg_try_advisory_lock(%s)", (key,))
            row = await cursor.fetchone()
        except BaseException:
            await connection.close()
            raise
        if row is None or not row[0]:
            await connection.close()
            return None
        held = _AdvisoryLock(connection, self._try_locks)
        self._try_locks.add(held)
        return held

    # --- erasing for real ------------------------------------------------------------

    async def scrub_log(self) -> bool:
        """Nothing to do here: True.

        A deleted or updated row's old version stays in the table file until VACUUM (or
        autovacuum) reclaims it, and the WAL keeps it until a checkpoint recycles the segment;
        neither can be forced cheaply per erase from here (VACUUM of the touched tables waits
        for every older snapshot and rewrites nothing on disk; VACUUM FULL locks the table).
        Autovacuum and the operator's retention of WAL and backups are where that lives on
        PostgreSQL, as the README says.
        """
        return True

    async def scrub_log_once(self) -> bool:
        """Nothing to do here (see scrub_log): True."""
        return True

    @property
    def scrub_owed(self) -> bool:
        """Never owed here: scrub_log has nothing to retry."""
        return False

    def connections(self) -> dict[str, int]:
        """The pool as psycopg_pool counts it: its size, idle connections, waiting requests."""
        stats = self._pool.get_stats()
        return {
            "size": stats.get("pool_size", 0),
            "idle": stats.get("pool_available", 0),
            "waiting": stats.get("requests_waiting", 0),
        }

    def refusal(self, error: BaseException) -> DatabaseUnavailable | None:
        """The one-line refusal for a connection failure met while opening."""
        if isinstance(error, psycopg.OperationalError):
            return unreachable(self.url, error)
        return None

    async def close(self) -> None:
        """Let go of the locks still held and close every connection."""
        for held in list(self._try_locks):
            await held.release()
        await self._pool.close()


class _AdvisoryLock:
    """An advisory lock on its own connection, taken with try_hold_lock."""

    def __init__(self, connection: Connection, registry: set[_AdvisoryLock]) -> None:
        self._connection: Connection | None = connection
        self._registry = registry

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        self._registry.discard(self)
        if connection is not None:
            # Closing the session lets its advisory locks go; no unlock statement needed.
            await connection.close()


async def _configure(connection: Connection) -> None:
    """Every pooled connection: an abandoned transaction is ended by the server."""
    await connection.execute(f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_MS}")


async def _unlock(connection: Connection, key: int) -> None:
    # A connection whose unlock fails (server gone, a cancelled wait still running) must not
    # go back to the pool with the lock on it: close it, which ends the session and the lock.
    try:
        await connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
    except Exception:
        await connection.close()
    except BaseException:
        await connection.close()
        raise


def _task() -> asyncio.Task[Any]:
    task = asyncio.current_task()
    assert task is not None, "the database is used from a task"
    return task
