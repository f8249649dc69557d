"""Erased means erased in the files: no old text in the database or its -wal, reader or not.

Each test holds a second sqlite3 connection with an open read transaction (a backup, an
sqlite3 shell) while the bot erases, then lets go, and greps the raw bytes of both files for
the stored form of the old text: the text itself in plain-text mode, its sealed form when an
answer key is set.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from standin import StandIn
from standin.sandbox import Sandbox
from storage import new_key
from tests.helpers import World, answer_checkin, onboard

pytestmark = pytest.mark.slow  # each erase waits out a reader that holds a snapshot

SECRET = "Het gesprek met de moeder van Lotte liep vast"
PHONE = "0470 12 34 56"


@pytest.fixture(params=["plain", "sealed"])
async def any_world(
    request: pytest.FixtureRequest, tmp_path: Path, api: StandIn, clock: ManualClock
) -> AsyncIterator[World]:
    database = tmp_path / "sherpa.sqlite3"
    key = {"answers_encryption_key": new_key()} if request.param == "sealed" else {}
    sandbox = Sandbox(Sandbox.settings_for(database, schedule_interval=300, **key), api, clock)
    await sandbox.start()
    world = World(api, sandbox, clock, database)
    yield world
    await world.bot.stop()


def stored_forms(database: Path, sql: str) -> list[bytes]:
    """The bytes a text column holds on disk (plain text, or its sealed form)."""
    with sqlite3.connect(database) as db:
        return [row[0].encode() for row in db.execute(sql).fetchall()]


def traces(database: Path, needles: list[bytes]) -> list[str]:
    """Which of the database's files still hold one of the needles."""
    found = []
    for path in (database, database.with_name(database.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        found += [path.name for needle in needles if needle in data]
    return found


async def wait_until_clean(database: Path, needles: list[bytes], timeout: float = 30) -> None:
    for _ in range(int(timeout / 0.2)):
        if not traces(database, needles):
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"erased text still in {traces(database, needles)}")


@contextmanager
def reader_holding_a_snapshot(database: Path) -> Iterator[None]:
    """A second connection in an open read transaction, as a backup or sqlite3 shell keeps."""
    reader = sqlite3.connect(database, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM answers").fetchone()
    try:
        yield
    finally:
        reader.execute("COMMIT")
        reader.close()


async def test_delete_leaves_nothing_even_while_a_reader_holds_a_snapshot(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, SECRET, "nog iets")
    needles = stored_forms(world.sqlite_path, "SELECT text FROM answers")
    assert len(needles) == 2 and traces(world.sqlite_path, needles)
    with reader_holding_a_snapshot(world.sqlite_path):
        await world.say(ann, "/delete")
        await world.tap(ann, "Ja, wis alles")
        # Honest while the reader holds on: erased at Sherpa, a trace waits for the reader.
        assert "Je gegevens zijn gewist" in world.last_text(ann)
        assert "back-up" in world.last_text(ann)
        assert traces(world.sqlite_path, needles)  # the reader really held the old frames
    await wait_until_clean(world.sqlite_path, needles)  # the bot goes on trying by itself


async def test_delete_without_a_reader_is_clean_when_it_says_so(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, SECRET, "nog iets")
    needles = stored_forms(world.sqlite_path, "SELECT text FROM answers")
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    assert "Alles is gewist" in world.last_text(ann)
    assert traces(world.sqlite_path, needles) == []


async def test_the_guards_masked_choice_leaves_no_unmasked_copy(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, f"Ik belde de voogd op {PHONE}")
    held = stored_forms(world.sqlite_path, "SELECT text FROM pending_answers")
    needles = [*held, PHONE.encode()]
    with reader_holding_a_snapshot(world.sqlite_path):
        await world.tap(ann, "Bewaar zo, afgeschermd")
        assert traces(world.sqlite_path, needles)
    await wait_until_clean(world.sqlite_path, needles)
    history = await world.bot.services.storage.history.history(ann.id)
    assert [a for d in history for q in d.questions for a in q.answers] == [
        "Ik belde de voogd op […]"
    ]


async def test_undo_leaves_no_trace(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, SECRET)
    needles = stored_forms(world.sqlite_path, "SELECT text FROM answers")
    with reader_holding_a_snapshot(world.sqlite_path):
        await world.say(ann, "/undo")
        assert "Verwijderd" in world.last_text(ann)
    await wait_until_clean(world.sqlite_path, needles)


async def test_an_edit_leaves_no_trace_of_the_text_before_it(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    sent = await world.say(ann, SECRET)
    needles = stored_forms(world.sqlite_path, "SELECT text FROM answers")
    with reader_holding_a_snapshot(world.sqlite_path):
        world.api.edit_text(ann, sent["message"]["message_id"], "Een rustiger gesprek")
        await world.bot.settle()
    await wait_until_clean(world.sqlite_path, needles)
    assert stored_forms(world.sqlite_path, "SELECT text FROM answers") != needles


async def test_retention_leaves_no_trace(any_world: World):
    world = any_world
    ann = world.api.user(1001, "Ann")
    start = world.clock.now()
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, SECRET, "ook oud")
    await world.bot.services.storage.users.update(ann.id, start, retention_months=3)
    needles = stored_forms(world.sqlite_path, "SELECT text FROM answers")
    world.clock.set(start + timedelta(days=95))
    with reader_holding_a_snapshot(world.sqlite_path):
        assert await world.bot.run_retention() == 1
    await wait_until_clean(world.sqlite_path, needles)
