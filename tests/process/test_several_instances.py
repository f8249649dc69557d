"""Two `python -m bot run --webhook` processes on one PostgreSQL database, one SIGKILLed in
the middle of a fan-out: the other finishes it, nothing is lost, duplicates stay within what
the killed one had in flight."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from standin import StandIn
from storage import DatabaseUrl, Storage
from tests.helpers import add_due_users, free_port

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
USERS = 200
CONCURRENCY = 8  # each instance's in-flight bound: the most a kill can make arrive twice


def _start(api: StandIn, url: DatabaseUrl, cwd: Path) -> asyncio.subprocess.Process:
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "OUTBOX_", "WEBHOOK_", "DATABASE_"))
        },
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": url.dsn or "",
        "SCHEDULE_INTERVAL": "1",
        "OUTBOX_RATE": "25",
        "OUTBOX_CONCURRENCY": str(CONCURRENCY),
        "INBOX_LEASE": "5",  # the killed one's items come back within it (default 30 s)
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "WEBHOOK_SECRET": "a-secret-of-sufficient-length_42",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    return asyncio.create_subprocess_exec(  # type: ignore[return-value]
        *(sys.executable, "-m", "bot", "run", "--webhook"),
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


async def test_sigkill_of_one_of_two_instances_the_other_finishes_with_bounded_duplicates(
    pg_url, tmp_path
):
    storage = await Storage.open(pg_url)
    await add_due_users(storage, range(1, USERS + 1), datetime.now(UTC) - timedelta(minutes=1))
    await storage.close()
    async with StandIn() as api:
        for user_id in range(1, USERS + 1):
            api.user(user_id, f"U{user_id}")
        doomed = await _start(api, pg_url, tmp_path)
        survivor = await _start(api, pg_url, tmp_path)
        try:
            # Both under way, then one is killed without any chance to clean up.
            await api.wait_for(lambda c: len(_checkins(api)) >= 60, timeout=60)
            doomed.send_signal(signal.SIGKILL)
            await doomed.wait()
            assert sum(_checkins(api).values()) < USERS  # the kill really landed mid-way
            await api.wait_for(lambda c: len(_checkins(api)) >= USERS, timeout=90)
            await asyncio.sleep(1.5)  # a tick more: nothing else may follow
        finally:
            if doomed.returncode is None:
                doomed.kill()
            survivor.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(survivor.communicate(), timeout=30)
        assert survivor.returncode == 0, stderr.decode()
    counts = _checkins(api)
    assert set(counts) == set(range(1, USERS + 1))  # every user got their check-in
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= CONCURRENCY  # only what the killed one had in flight came twice
    storage = await Storage.open(pg_url)
    health = await storage.outbox.health()
    await storage.close()
    assert health.counts == {"sent": USERS} and health.leases == ()
