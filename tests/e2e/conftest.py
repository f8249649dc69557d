"""The end-to-end tests run on both engines: each `world` test once on SQLite, once on
PostgreSQL (marked slow, so `-m "not slow"` stays as quick as before).

A test about SQLite's own files or pragmas is marked `sqlite_only`.
"""

from __future__ import annotations

import logging

import pytest

from bot.logging_setup import CHATTY
from storage.url import DatabaseUrl

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "world_database" not in metafunc.fixturenames:
        return
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    metafunc.parametrize("engine", ["sqlite"] if sqlite_only else ENGINES)


@pytest.fixture
def world_database(request: pytest.FixtureRequest, engine: str, tmp_path) -> DatabaseUrl:
    """The world's database on this run's engine (PostgreSQL: a fresh migrated database)."""
    if engine == "sqlite":
        return DatabaseUrl.sqlite(tmp_path / "sherpa.sqlite3")
    url: DatabaseUrl = request.getfixturevalue("pg_migrated_url")
    return url


@pytest.fixture
def restore_logging():
    """Put the root logger back as it was after a test that ran configure_logging."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in CHATTY})
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)
