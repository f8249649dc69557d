"""SIGKILL at several moments of a 200-answer burst, restarts: every answer stored exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_services, open_storage
from bot.checkin import service
from bot.core.schedule import local_today
from standin import StandIn
from standin.sandbox import Sandbox
from storage import Storage, new_key
from tests.helpers import add_due_users

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
USERS = 200
KEY = new_key()


def _answer(user_id: int) -> str:
    return f"vandaag leerde ik iets nieuws, antwoord nummer {user_id:03d}"


async def _seed(path: Path) -> None:
    """200 onboarded users, each with today's check-in open at its first question."""
    settings = Sandbox.settings_for(path, answers_encryption_key=KEY)
    storage = await open_storage(settings)
    services = build_services(settings, storage)
    checkins = service.Checkins.bound(services)
    now = datetime.now(UTC)
    # Due tomorrow: nothing is scheduled during the test, only the answers come in.
    await add_due_users(storage, range(1, USERS + 1), now + timedelta(days=1))
    for user_id in range(1, USERS + 1):
        user = await storage.users.get(user_id)
        assert user is not None
        day = local_today(services.clock, user.timezone)
        checkin = await service.create_checkin(checkins, user, day, "on_demand")
        step = await storage.checkins.open_next_step(checkin.id, now)
        assert step is not None and step.kind == "question"
        await storage.checkins.mark_delivered(checkin.id, now)
    await storage.close()


def _start(api: StandIn, path: Path, cwd: Path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ANSWERS_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(path),
        "ANSWERS_ENCRYPTION_KEY": KEY,
        "OUTBOX_RATE": "1000",
    }
    return asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run"),
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _kill(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGKILL)
    await process.wait()


async def _until(condition, timeout: float = 60) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.002)  # the stand-in runs in this loop: we see its state at once


def _replies(api: StandIn, since: int = 0) -> int:
    return sum(1 for c in api.calls[since:] if c.method == "sendMessage" and c.error is None)


def _count(path: Path, table: str) -> int:
    # Closed at once: a connection left open here would keep an old view of the -shm file
    # once the bot's next process has made a new one.
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _stored(path: Path) -> int:
    return _count(path, "answers")


async def test_sigkill_during_a_burst_loses_no_answer_and_stores_none_twice(tmp_path):
    path = tmp_path / "burst.sqlite3"
    await _seed(path)
    async with StandIn() as api:
        users = [api.user(user_id, f"U{user_id}") for user_id in range(1, USERS + 1)]
        first = await _start(api, path, tmp_path)
        await api.wait_for(lambda c: c.method == "getUpdates", timeout=60)  # polling
        for user in users:
            api.send_text(user, _answer(user.id))
        burst = [u["update_id"] for u in api.pending_updates]
        first_batch_end = burst[99]  # getUpdates hands out at most 100

        # 1. Right after the bot confirmed the first batch (its next getUpdates).
        await _until(lambda: all(u["update_id"] > first_batch_end for u in api.pending_updates))
        await _kill(first)
        sealed = (path.read_bytes(), Path(f"{path}-wal").read_bytes())

        # 2. Right after the stand-in handed out a batch, before the bot could confirm it.
        since = len(api.calls)
        second = await _start(api, path, tmp_path)
        await api.wait_for(
            lambda c: c.method == "getUpdates" and c.answered is not None, since=since, timeout=60
        )
        await api.wait_delivered(timeout=60)
        await _kill(second)

        # 3. In the middle of handling: some answers stored and answered, others not yet.
        since = len(api.calls)
        third = await _start(api, path, tmp_path)
        await _until(lambda: _replies(api, since) >= 20)
        await _kill(third)
        assert _stored(path) < USERS  # the kill really landed mid-burst

        since = len(api.calls)
        last = await _start(api, path, tmp_path)
        try:
            with contextlib.suppress(TimeoutError):  # lost answers never come: count below
                await _until(lambda: _stored(path) >= USERS, timeout=90)
            await asyncio.sleep(1.0)  # a moment more: nothing else may be stored
        finally:
            last.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(last.communicate(), timeout=30)
        assert last.returncode == 0, stderr.decode()

    assert _stored(path) == USERS  # every answer came back (the old code lost a whole batch)
    cipher = Sandbox.settings_for(path, answers_encryption_key=KEY).answer_cipher()
    storage = await Storage.open(path, cipher=cipher)
    try:
        stored = Counter()
        for user_id in range(1, USERS + 1):
            exported = await storage.history.export(user_id)
            texts = [a.text for c in exported for s in c.steps for a in s.answers]
            stored[user_id] = len(texts)
            assert texts == [_answer(user_id)], user_id
    finally:
        await storage.close()
    assert set(stored.values()) == {1}  # every answer, each exactly once
    assert _count(path, "inbox") == 0  # all handled
    # The inbox held the words at the first kill, sealed: no answer text in the raw files.
    assert all(_answer(1).encode() not in raw and b"antwoord nummer" not in raw for raw in sealed)
    # Each user got the next question, even the ones whose answer came back after a kill.
    asked = Counter(c.params["chat_id"] for c in api.calls_to("sendMessage") if c.error is None)
    assert set(asked) == set(range(1, USERS + 1))
