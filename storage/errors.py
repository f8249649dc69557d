"""Recognising the database's own failures, wherever they surface, on either engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

# Failures that do not clear by themselves within seconds: retrying only stalls everyone.
_LASTING = ("full", "readonly", "read-only", "disk i/o error")
# PostgreSQL's SQLSTATE codes for the same: disk full, a read-only database (a standby, or
# default_transaction_read_only), an I/O error. psycopg's errors carry them as `sqlstate`.
_PG_FULL = "53100"
_PG_LASTING = (_PG_FULL, "25006", "58030")


def disk_full(error: BaseException | None) -> bool:
    """Whether the database refused a write because it or its disk is full."""
    return any("full" in m for m in _sqlite_messages(error)) or _PG_FULL in _sqlstates(error)


def lasting_write_failure(error: BaseException | None) -> bool:
    """Whether a write was refused for a reason an operator must fix (full, read-only, I/O)."""
    if any(word in m for m in _sqlite_messages(error) for word in _LASTING):
        return True
    return any(state in _PG_LASTING for state in _sqlstates(error))


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    """An exception and its causes (bounded)."""
    seen = 0
    while error is not None and seen < 8:
        yield error
        error, seen = error.__cause__ or error.__context__, seen + 1


def _sqlite_messages(error: BaseException | None) -> Iterator[str]:
    """The SQLite errors in an exception's cause chain, lower-cased."""
    for link in _chain(error):
        if isinstance(link, sqlite3.OperationalError):
            yield str(link).lower()


def _sqlstates(error: BaseException | None) -> list[str]:
    """The SQLSTATE codes of the PostgreSQL errors in the chain (psycopg's `sqlstate`)."""
    states = (getattr(link, "sqlstate", None) for link in _chain(error))
    return [state for state in states if isinstance(state, str)]


def passing_failure(error: BaseException | None) -> bool:
    """Whether the database was away for a moment (no connection within the pool's wait, a
    connection lost, a server restarting, SQLite busy): worth trying the same thing again.

    A lasting failure (full, read-only, I/O) is not one: it does not clear by itself.
    """
    if lasting_write_failure(error):
        return False
    for link in _chain(error):
        if isinstance(link, sqlite3.OperationalError):
            text = str(link).lower()
            if "locked" in text or "busy" in text:
                return True
        # psycopg is not imported here (a SQLite deployment never loads it): its connection
        # errors (OperationalError, with the pool's PoolTimeout) and InterfaceError by name.
        for kind in type(link).__mro__:
            if kind.__module__.startswith("psycopg") and kind.__name__ in _PG_PASSING:
                return True
    return False


_PG_PASSING = ("OperationalError", "InterfaceError")
