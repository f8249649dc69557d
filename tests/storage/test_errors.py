"""Recognising the database's lasting failures from what SQLite really raises (SQLite only)."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from storage.errors import disk_full, lasting_write_failure


def _failure(connect: str, tmp_path, setup: str = "") -> sqlite3.OperationalError:
    path = tmp_path / "db.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE t (x TEXT)")
    uri = f"file:{path}{connect}"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
        if setup:
            db.execute(setup)
        with pytest.raises(sqlite3.OperationalError) as caught:
            db.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
            db.commit()
    return caught.value


def test_a_read_only_database_is_a_lasting_failure_but_not_a_full_disk(tmp_path):
    error = _failure("?mode=ro", tmp_path)
    assert lasting_write_failure(error) and not disk_full(error)


def test_a_full_database_is_both(tmp_path):
    error = _failure("", tmp_path, "PRAGMA max_page_count = 2")
    assert lasting_write_failure(error) and disk_full(error)


def test_a_busy_database_is_worth_retrying():
    assert not lasting_write_failure(sqlite3.OperationalError("database is locked"))
    wrapped = RuntimeError("store failed")
    wrapped.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
    assert lasting_write_failure(wrapped)  # found through the cause chain
