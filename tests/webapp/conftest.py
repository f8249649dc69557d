"""The bot with its Mini App on a free port, against the stand-in; signed launch data."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from bot.core.clock import ManualClock
from bot.webapp.init_data import for_user
from bot.webapp.lifecycle import webapp_port
from standin import StandIn
from standin.sandbox import Sandbox
from storage import new_key
from storage.url import DatabaseUrl
from tests.e2e import conftest as both_engines
from tests.helpers import World

# Like the end-to-end tests: each test once on SQLite, once on PostgreSQL (marked slow).
pytest_generate_tests = both_engines.pytest_generate_tests
world_database = both_engines.world_database

PUBLIC_URL = "https://sherpa.test/verrekijker/"  # what the buttons carry; served locally


@pytest.fixture(params=["plain"])
async def webapp_world(
    request: pytest.FixtureRequest, world_database: DatabaseUrl, api: StandIn, clock: ManualClock
) -> AsyncIterator[World]:
    """The bot with WEBAPP_URL set, on each engine; parametrise with "sealed" for answers
    encrypted at rest."""
    database = world_database
    sealed = {"answers_encryption_key": new_key()} if request.param == "sealed" else {}
    settings = Sandbox.settings_for(
        database, schedule_interval=300, webapp_url=PUBLIC_URL, webapp_port=0, **sealed
    )
    sandbox = Sandbox(settings, api, clock)
    await sandbox.start()
    world = World(api, sandbox, clock, database)
    yield world
    await world.bot.stop()


def page_url(world: World) -> str:
    """Where the running bot serves the Mini App on this machine."""
    port = webapp_port(world.bot.application)
    assert port, "the Mini App is not running"
    return f"http://127.0.0.1:{port}/verrekijker/"


def signed(world: World, user_id: int, *, age: float = 0, lang: str = "nl") -> str:
    """Launch data for `user_id` as Telegram would sign it for this bot, `age` seconds ago."""
    return for_user(user_id, world.api.token, now=time.time() - age, first_name="Ann", lang=lang)
