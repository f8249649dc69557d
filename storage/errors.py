"""Recognising the database's own failures, wherever they surface."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

# Failures that do not clear by themselves within seconds: retrying only stalls everyone.
_LASTING = ("full", "readonly", "read-only", "disk i/o error")


def disk_full(error: BaseException | None) -> bool:
    """Whether SQLite refused a write because the database or its disk is full."""
    return any("full" in message for message in _sqlite_messages(error))


def lasting_write_failure(error: BaseException | None) -> bool:
    """Whether SQLite refused a write for a reason an operator must fix (full, read-only, I/O)."""
    return any(word in m for m in _sqlite_messages(error) for word in _LASTING)


def _sqlite_messages(error: BaseException | None) -> Iterator[str]:
    """The SQLite errors in an exception's cause chain (bounded), lower-cased."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, sqlite3.OperationalError):
            yield str(error).lower()
        error, seen = error.__cause__ or error.__context__, seen + 1
