"""An instance's presence on one database: the clocks compared, passing failures told apart."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import psycopg
import pytest
from psycopg_pool import PoolTimeout

from bot.core.presence import Lapsed, Presence
from bot.delivery.limiter import SherpaRateLimiter
from storage import Storage
from storage.errors import passing_failure


async def test_a_clock_far_from_the_databases_is_logged_and_takes_no_leases(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    storage = await Storage.open(tmp_path / "sherpa.sqlite3")
    try:
        caplog.set_level(logging.WARNING)
        ahead = Presence(storage, lease=30, wall=lambda: time.time() + 45)
        await ahead.start()
        assert 44 < ahead.skew < 46
        assert ahead.valid() and not ahead.may_lease()  # alive, but takes no one's leases
        assert "45.0 s ahead of the database's" in caplog.text
        assert "taking no leases" in caplog.text
        await ahead.stop()
        caplog.clear()
        near = Presence(storage, lease=30, wall=lambda: time.time() - 3)
        await near.start()
        assert near.may_lease()  # within the margin (a quarter lease): only said
        assert "3.0 s behind the database's" in caplog.text
        assert "taking no leases" not in caplog.text
        await near.stop()
    finally:
        await storage.close()


async def test_a_task_acting_for_a_lapsed_presence_is_refused(tmp_path: Path):
    storage = await Storage.open(tmp_path / "sherpa.sqlite3")
    now = [0.0]
    try:
        presence = Presence(storage, lease=4, monotonic=lambda: now[0])
        await presence.start()
        presence.check()  # not acting for anyone: nothing to refuse
        with presence.acting():
            presence.check()
            now[0] = 2.9  # within its own view of the lease (3/4 of it)
            presence.check()
            now[0] = 3.0  # past it: a frozen process waking up
            with pytest.raises(Lapsed):
                presence.check()
            old = presence.id
            await presence.renew()  # goes on under a new id
            assert presence.id != old and presence.valid()
            with pytest.raises(Lapsed):  # still acting for the old id
                presence.check()
        with presence.acting():
            presence.check()
        await presence.stop()
    finally:
        await storage.close()


def test_passing_failures_are_told_from_lasting_ones():
    assert passing_failure(PoolTimeout("couldn't get a connection after 10.00 sec"))
    assert passing_failure(psycopg.OperationalError("server closed the connection"))
    assert passing_failure(sqlite3.OperationalError("database is locked"))
    assert not passing_failure(sqlite3.OperationalError("database or disk is full"))
    assert not passing_failure(psycopg.errors.DiskFull("could not extend file"))
    assert not passing_failure(ValueError("our own bug"))


async def test_the_limiter_asks_the_fence_before_every_call_and_makes_none_after_a_lapse():
    """What keeps a woken instance quiet: the frozen-instance test (tests/process) cannot
    freeze a task exactly between storing an answer and sending its reply."""
    lapsed = False

    def fence() -> None:
        if lapsed:
            raise Lapsed("not renewed")

    calls: list[str] = []

    async def send(text: str) -> str:
        calls.append(text)
        return text

    limiter = SherpaRateLimiter(fence=fence)
    assert await limiter.process_request(send, ("a",), {}, "sendMessage", {}, None) == "a"
    lapsed = True
    with pytest.raises(Lapsed):
        await limiter.process_request(send, ("b",), {}, "sendMessage", {}, None)
    assert calls == ["a"]
