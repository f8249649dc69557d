"""The small interface every repository talks to: SQL text and parameters in, rows out.

Repositories never see an engine's objects (connections, cursors): an engine
(storage/sqlite.py, storage/postgres.py) implements this, and storage/engine.py picks one.
Placeholders are `?`; an engine that wants another style translates them.

Locks across instances (`hold_lock`, `try_hold_lock`) are the engine's too: SQLite has one
instance per file (storage/instance_lock.py), so a lock inside the process is enough there;
PostgreSQL uses advisory locks, which die with the connection of an instance that dies.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from storage.crypto import AnswerCipher
from storage.url import DatabaseUrl

Params = Sequence[object]


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used as it is; the message is one line."""

    def __init__(self, where: DatabaseUrl | str | os.PathLike[str], reason: str) -> None:
        if not isinstance(where, DatabaseUrl):
            where = DatabaseUrl.sqlite(where)
        super().__init__(f"{where.label}: {reason}")
        self.reason = reason


class Row(Protocol):
    """A result row: by position (`row[0]`, unpacking) and by column name (`row["id"]`)."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> list[str]: ...


class HeldLock(Protocol):
    """A lock taken with `try_hold_lock`: held until released (or the process dies)."""

    async def release(self) -> None:
        """Let the lock go; a second call does nothing."""
        ...


class Database(Protocol):
    """One open database; statements from many tasks, writes one at a time."""

    url: DatabaseUrl
    cipher: AnswerCipher  # seals answer texts before they reach any engine
    # Appended to a SELECT that claims rows inside a transaction: "FOR UPDATE SKIP LOCKED" on
    # PostgreSQL, so two instances never claim the same row; "" on SQLite, where a
    # transaction is already alone.
    skip_locked: str
    # Whether this database serves one instance only (SQLite: its file lock sees to that), so
    # what instances would share may stay inside the process.
    single_instance: bool
    # The database's own clock in SQL, as seconds since the epoch (a float): leases are
    # measured on it, so the instances' clocks never decide whose lease ran out.
    clock_sql: str

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        ...

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        ...

    async def write(self, sql: str, params: Params = ()) -> int:
        """One writing statement (atomic alone, or part of the task's transaction); rows changed."""
        ...

    async def write_many(self, sql: str, rows: Iterable[Params]) -> int:
        """One statement over many parameter rows, atomically; rows changed in all."""
        ...

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """An `INSERT ... RETURNING id`: the new row's id, None when a conflict skipped it."""
        ...

    async def write_returning(self, sql: str, params: Params = ()) -> list[Row]:
        """One writing statement with a RETURNING clause (atomic alone, or in the task's
        transaction); the rows it returned."""
        ...

    async def write_together(self, statements: Sequence[tuple[str, Sequence[Params]]]) -> None:
        """Writing statements, each over its parameter rows (none: skipped), in order and
        atomically (SQLite: in one trip to its thread); inside the task's transaction they
        join it."""
        ...

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """Run a block atomically and alone; nested use in the same task joins the outer one."""
        ...

    def hold_lock(self, name: str) -> AbstractAsyncContextManager[None]:
        """Hold the lock `name` across all instances for the block, waiting for it if taken."""
        ...

    async def try_hold_lock(self, name: str) -> HeldLock | None:
        """Take the lock `name` across all instances if it is free, else None (no waiting)."""
        ...

    async def scrub_log(self) -> bool:
        """After an erase: make sure the old text is gone from the engine's files too.

        True when it is; False when that must wait (it is then retried in the background).
        """
        ...

    async def scrub_log_once(self) -> bool:
        """One attempt at the same, no waiting (at open: leftovers of a crash)."""
        ...

    @property
    def scrub_owed(self) -> bool:
        """Whether erased text may still be in the engine's files."""
        ...

    def refusal(self, error: BaseException) -> DatabaseUnavailable | None:
        """The one-line refusal for an engine error met while opening, None for other errors."""
        ...

    def connections(self) -> dict[str, int]:
        """Connections by state, for the operator: size, idle, waiting (tasks waiting)."""
        ...

    async def close(self) -> None:
        """Close the database."""
        ...
