"""Recognising the database's own failures, wherever they surface."""

from __future__ import annotations

import sqlite3


def disk_full(error: BaseException | None) -> bool:
    """Whether SQLite refused a write because the database or its disk is full."""
    seen = 0
    while error is not None and seen < 8:  # the cause chain, bounded
        if isinstance(error, sqlite3.OperationalError) and "full" in str(error).lower():
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


# Failures that do not clear by themselves within seconds: retrying only stalls everyone.
_LASTING = ("full", "readonly", "read-only", "disk i/o error")


def lasting_write_failure(error: BaseException | None) -> bool:
    """Whether SQLite refused a write for a reason an operator must fix (full, read-only, I/O)."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, sqlite3.OperationalError) and any(
            word in str(error).lower() for word in _LASTING
        ):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False
