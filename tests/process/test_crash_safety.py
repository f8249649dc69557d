"""SIGKILL in the middle of a fan-out, then a restart: nothing lost, bounded duplicates."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from standin import StandIn
from storage import Storage
from tests.helpers import add_due_users

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
USERS = 200
CONCURRENCY = 8


def _settled_unsent(path: Path) -> list[tuple[str, str]]:
    """The outbox items not settled as sent: their state and why."""
    with closing(sqlite3.connect(path)) as db:
        found = db.execute("SELECT state, last_error FROM outbox WHERE state != 'sent'")
        return [(str(state), str(error)) for state, error in found.fetchall()]


async def _seed(path: Path, now: datetime) -> None:
    storage = await Storage.open(path)
    await add_due_users(storage, range(1, USERS + 1), now - timedelta(minutes=1))
    await storage.close()


def _start(api: StandIn, path: Path, cwd: Path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "OUTBOX_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(path),
        "SCHEDULE_INTERVAL": "1",
        "OUTBOX_RATE": "25",
        "OUTBOX_CONCURRENCY": str(CONCURRENCY),
    }
    return asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


def _checkins(api: StandIn) -> Counter[int]:
    return Counter(
        c.params["chat_id"]
        for c in api.calls_to("sendMessage")
        if c.error is None and "Richtingsaanwijzer" in str(c.params.get("text", ""))
    )


async def test_sigkill_mid_fan_out_loses_nothing_and_duplicates_at_most_the_in_flight(tmp_path):
    path = tmp_path / "crash.sqlite3"
    await _seed(path, datetime.now(UTC))
    async with StandIn() as api:
        for user_id in range(1, USERS + 1):
            api.user(user_id, f"U{user_id}")
        first = await _start(api, path, tmp_path)
        # Let the fan-out get well under way, then kill without any chance to clean up.
        await api.wait_for(lambda c: len(_checkins(api)) >= 60, timeout=60)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        sent_before_kill = sum(_checkins(api).values())
        assert sent_before_kill < USERS  # the kill really landed mid-way
        second = await _start(api, path, tmp_path)
        try:
            await api.wait_for(lambda c: len(_checkins(api)) >= USERS, timeout=90)
            await asyncio.sleep(1.5)  # a tick more: nothing else may follow
        finally:
            second.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
        assert second.returncode == 0, stderr.decode()
    counts = _checkins(api)
    assert set(counts) == set(range(1, USERS + 1))  # every user got their check-in
    duplicates = sum(n - 1 for n in counts.values())
    storage = await Storage.open(path)
    health = await storage.outbox.health()
    await storage.close()
    # An item in flight at the kill was sent again (a duplicate), or its check-in had been
    # recorded as delivered before the kill, so the restart recognised it and sent nothing
    # (settled as dropped, "already delivered"): together no more than were in flight.
    recognised = _settled_unsent(path)
    assert set(recognised) <= {("dropped", "skipped: already delivered")}, recognised
    expected = Counter({"sent": USERS - len(recognised), "dropped": len(recognised)})
    assert health.counts == {state: n for state, n in expected.items() if n}
    assert duplicates + len(recognised) <= CONCURRENCY
