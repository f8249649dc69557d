"""Several `run` processes over one PostgreSQL database: webhook instances side by side, a dead
one's inbox taken over by the live one, and long polling for one process only."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.incoming.webhook import SECRET_HEADER
from standin import StandIn
from storage import NewStep, Storage
from storage.url import DatabaseUrl
from tests.helpers import add_checkin, add_due_users, free_port

pytestmark = pytest.mark.slow  # real processes and a PostgreSQL server

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-webhook-secret"
ANN = 1001
LEASE = 2  # seconds (INBOX_LEASE); the default is 30


def _env(api: StandIn, url: DatabaseUrl, port: int | None = None) -> dict[str, str]:
    assert url.dsn is not None
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ANSWERS_"))
        },
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": url.dsn,
        "INBOX_LEASE": str(LEASE),
    }
    if port is not None:
        env |= {
            "WEBHOOK_URL": f"https://bot.example.org:{port}/hook",
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_PORT": str(port),
        }
    return env


async def _sherpa(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", *args),
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is not None:
        return ""
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def _post(port: int, update: dict) -> int:
    async with aiohttp.ClientSession() as session:
        response = await session.post(
            f"http://127.0.0.1:{port}/hook", json=update, headers={SECRET_HEADER: SECRET}
        )
        return response.status


async def _seed(url: DatabaseUrl) -> None:
    """Ann, with today's check-in open at the first of two questions."""
    from datetime import UTC, datetime

    storage = await Storage.open(url)
    try:
        now = datetime.now(UTC)
        await add_due_users(storage, [ANN], now.replace(hour=23, minute=59))
        steps = [NewStep("question", None, f"Vraag {n}?") for n in (1, 2)]
        checkin = await add_checkin(storage, ANN, now.date(), now, steps=steps)
        assert checkin is not None
        await storage.checkins.open_next_step(checkin.id, now)
        await storage.checkins.mark_delivered(checkin.id, now)
    finally:
        await storage.close()


async def _inbox_and_answers(url: DatabaseUrl) -> tuple[int, list[str]]:
    storage = await Storage.open(url)
    try:
        waiting = len(await storage.inbox.waiting())
        exported = await storage.history.export(ANN)
        return waiting, [a.text for c in exported for s in c.steps for a in s.answers]
    finally:
        await storage.close()


async def test_a_killed_instances_update_is_handled_by_the_live_one_within_the_lease(
    tmp_path: Path, pg_url: DatabaseUrl
):
    await _seed(pg_url)
    async with StandIn() as api:
        ann = api.user(ANN, "Ann")
        ports = free_port(), free_port()
        a, b = [await _sherpa(_env(api, pg_url, port), tmp_path, "--webhook") for port in ports]
        try:
            # Both run side by side on PostgreSQL: each set the webhook, each listens.
            await api.wait_for(lambda c: c.method == "setWebhook", timeout=60)
            async with asyncio.timeout(60):
                while api.stats.calls["setWebhook"] < 2:
                    await asyncio.sleep(0.05)
            # a stores Ann's answer, answers 200, and hangs in the sendMessage of the reply.
            api.slow("sendMessage", 120, count=1)
            since = len(api.calls)
            assert await _post(ports[0], api.send_text(ann, "een antwoord")) == 200
            await api.wait_for(lambda c: c.method == "sendMessage", since=since, timeout=30)
            a.send_signal(signal.SIGKILL)
            await a.wait()
            # b takes it over once a's lease ran out, without a ever coming back.
            replied = await api.wait_for(
                lambda c: c.method == "sendMessage" and c.answered is not None,
                since=since,
                timeout=30,
            )
            assert replied.params["chat_id"] == ANN
            async with asyncio.timeout(30):
                while (await _inbox_and_answers(pg_url))[0]:
                    await asyncio.sleep(0.1)
            assert await _inbox_and_answers(pg_url) == (0, ["een antwoord"])  # stored once
        finally:
            log = await _stop(b)
            if a.returncode is None:
                a.kill()
                await a.wait()
    assert b.returncode == 0, log


async def test_a_second_poller_is_refused_with_one_line_and_a_dead_ones_place_is_free(
    tmp_path: Path, pg_url: DatabaseUrl
):
    async with StandIn() as api:
        env = _env(api, pg_url)
        first = await _sherpa(env, tmp_path)
        try:
            await api.wait_for(lambda c: c.method == "getUpdates", timeout=60)
            second = await _sherpa(env, tmp_path)
            try:
                _, stderr = await asyncio.wait_for(second.communicate(), timeout=60)
            finally:
                if second.returncode is None:
                    second.kill()
                    await second.wait()
            lines = stderr.decode().strip().splitlines()
            assert second.returncode == 2, stderr.decode()
            assert len(lines) == 1 and "another Sherpa is polling" in lines[0]
            assert "DATABASE_URL" in lines[0] and "--webhook" in lines[0]
            assert pg_url.dsn is not None and "password" not in lines[0]
            ann = api.user(ANN, "Ann")
            api.send_command(ann, "/start")
            await api.wait_for_messages(ann, 1, timeout=30)  # the first polls on
            first.send_signal(signal.SIGKILL)  # its advisory lock dies with its session
            await first.wait()
            since = len(api.calls)
            third = await _sherpa(env, tmp_path)
            await api.wait_for(lambda c: c.method == "getUpdates", since=since, timeout=60)
            log = await _stop(third)
            assert third.returncode == 0, log
        finally:
            if first.returncode is None:
                await _stop(first)
