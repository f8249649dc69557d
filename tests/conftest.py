"""Shared fixtures: the Bot API stand-in with spec validation, and the bot running against it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from bot.core.clock import ManualClock
from standin import BotApiSpec, StandIn
from standin.sandbox import Sandbox
from storage.url import DatabaseUrl
from tests.helpers import World
from tests.postgres_server import PostgresServer, missing_binaries

# CI machines are noisy: a property test must fail on a wrong answer, never on a slow example.
settings.register_profile("sherpa", deadline=None)
settings.load_profile("sherpa")

SPEC = BotApiSpec.from_file(Path(__file__).parent / "botapi" / "api.json")
# Monday 2 March 2026, 09:00 in Brussels (CET, UTC+1).
MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when retry_after is read as an int; filterwarnings=error would make it fatal.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session; without its binaries the tests fail, loudly."""
    if reason := missing_binaries():
        pytest.fail(reason, pytrace=False)
    server = PostgresServer.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[DatabaseUrl]:
    """A fresh, blank PostgreSQL database (no tables), dropped after the test."""
    name = postgres_server.new_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture
def pg_migrated_url(postgres_server: PostgresServer) -> DatabaseUrl:
    """A PostgreSQL database at the newest schema with no rows (emptied since the last test)."""
    return postgres_server.url(postgres_server.emptied_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> DatabaseUrl:
    """A fresh database on each engine in turn: a new SQLite file, or a PostgreSQL database.

    The PostgreSQL one is already migrated (copying a template is faster than migrating);
    Storage.open migrates the SQLite file. Tests of migrations use blank_database_url.
    """
    if request.param == "sqlite":
        return DatabaseUrl.sqlite(tmp_path / "sherpa.sqlite3")
    url: DatabaseUrl = request.getfixturevalue("pg_migrated_url")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> DatabaseUrl:
    """A fresh, empty database on each engine in turn (no tables at all)."""
    if request.param == "sqlite":
        return DatabaseUrl.sqlite(tmp_path / "sherpa.sqlite3")
    url: DatabaseUrl = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_MORNING)


@pytest.fixture
async def api(clock: ManualClock) -> AsyncIterator[StandIn]:
    async with StandIn(spec=SPEC, now=lambda: clock.now().timestamp()) as api:
        yield api
        assert api.spec_violations == [], "the bot sent a request the Bot API would refuse"


@pytest.fixture
def world_database(tmp_path: Path) -> DatabaseUrl:
    """The world's database: a SQLite file (tests/e2e/conftest.py adds PostgreSQL)."""
    return DatabaseUrl.sqlite(tmp_path / "sherpa.sqlite3")


@pytest.fixture
async def world(
    world_database: DatabaseUrl, api: StandIn, clock: ManualClock
) -> AsyncIterator[World]:
    database = world_database
    sandbox = Sandbox(Sandbox.settings_for(database, schedule_interval=300), api, clock)
    await sandbox.start()
    assert sandbox.services.storage.url.engine == database.engine  # the engine asked for
    w = World(api, sandbox, clock, database)
    yield w
    await w.bot.stop()
