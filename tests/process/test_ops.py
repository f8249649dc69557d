"""The operator's port over real HTTP against a running `python -m bot run`, on both engines:
/healthz, /readyz (503 while PostgreSQL is away, 200 once it is back), and /metrics parsed
with prometheus-client's own parser, its counters moved by real updates through the stand-in.
No user id, name, answer, token or initData ever appears in what it serves."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from standin import StandIn
from storage.url import DatabaseUrl
from tests.helpers import database_env, free_port
from tests.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "Vandaag luisterde ik lang naar een bewoner"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape, keyed by name and sorted labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(scrape: dict, name: str, **labels: str) -> float:
    return scrape.get((name, tuple(sorted(labels.items()))), 0.0)


@asynccontextmanager
async def running_bot(api: StandIn, database: DatabaseUrl, tmp_path: Path) -> AsyncIterator[str]:
    """`python -m bot run` with OPS_PORT set; yields the ops base URL once /healthz answers."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        **database_env(database),
        "OPS_PORT": str(port),
        "INBOX_LEASE": "5",
    }
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run"),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            async with asyncio.timeout(60):
                while True:
                    try:
                        async with http.get(f"{base}/healthz") as response:
                            if response.status == 200:
                                break
                    except aiohttp.ClientError:
                        pass
                    await asyncio.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode == 0, stderr.decode()[-3000:]
        log = stderr.decode()
        assert api.token.split(":")[1] not in log and ANSWER not in log


async def status_json(database: DatabaseUrl, base: str) -> dict:
    """`python -m bot status --json` beside the running bot, reading its /metrics too."""
    port = base.rsplit(":", 1)[1]
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "status", "--json"),
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
            **database_env(database),
            "PYTHONPATH": str(ROOT),
            "OPS_PORT": port,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    return json.loads(out)


async def get(base: str, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(base + path) as response:
        return response.status, await response.text()


async def ready(base: str, timeout: float = 30) -> tuple[int, str]:
    async with asyncio.timeout(timeout):
        while (answer := await get(base, "/readyz"))[0] != 200:
            await asyncio.sleep(0.2)
    return answer


async def scrape_and_move(api: StandIn, base: str) -> tuple[dict, dict, str]:
    """A scrape, then real updates through the stand-in, then another scrape."""
    await ready(base)
    status, first = await get(base, "/metrics")
    assert status == 200
    ann = api.user(1001, "Ann")
    api.send_command(ann, "/start")
    await api.wait_for_messages(ann, 1, timeout=30)
    api.press_button(ann, 0)
    await api.wait_for(lambda call: call.method == "editMessageText", timeout=30)
    api.send_text(ann, ANSWER)
    await api.wait_for_messages(ann, 2, timeout=30)
    await asyncio.sleep(0.5)  # the handling's end is counted after its reply went out
    _, second = await get(base, "/metrics")
    return samples(first), samples(second), second


def assert_moved(before: dict, after: dict) -> None:
    moved = {
        ("sherpa_updates_received_total", "message"),
        ("sherpa_updates_received_total", "callback_query"),
        ("sherpa_updates_handled_total", "message"),
    }
    for name, kind in moved:
        assert value(after, name, kind=kind) > value(before, name, kind=kind), (name, kind)
    sent = value(after, "sherpa_telegram_requests_total", method="sendMessage", result="ok")
    assert sent > value(before, "sherpa_telegram_requests_total", method="sendMessage", result="ok")
    assert value(after, "sherpa_update_handling_seconds_count") >= 3
    assert value(after, "sherpa_database_up") == 1
    assert value(after, "sherpa_inbox_depth") >= 0 and value(after, "sherpa_outbox_due") >= 0
    assert value(after, "sherpa_database_connections", state="size") >= 1
    assert any(name == "target_info" and dict(labels).get("instance") for name, labels in after)
    for name in (
        "sherpa_charts_queued",
        "sherpa_outbox_in_flight",
        "sherpa_inbox_oldest_age_seconds",
    ):
        assert (name, ()) in after, name


def assert_private(text: str, api: StandIn) -> None:
    for secret in (api.token.split(":")[1], ANSWER, "Ann"):
        assert secret not in text, secret
    allowed_labels = {"kind", "outcome", "method", "result", "state", "le", "instance"}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            assert set(sample.labels) <= allowed_labels, sample
            # The user id may turn up inside a number (a _created timestamp): not in a label.
            assert not any("1001" in v for v in (sample.name, *sample.labels.values())), sample


async def test_the_operators_port_on_sqlite(tmp_path):
    async with StandIn() as api:
        database = DatabaseUrl.sqlite(tmp_path / "sherpa.sqlite3")
        async with running_bot(api, database, tmp_path) as base:
            assert await get(base, "/healthz") == (200, "ok\n")
            assert await ready(base) == (200, "ready\n")
            before, after, text = await scrape_and_move(api, base)
            assert_moved(before, after)
            assert_private(text, api)
            assert (await get(base, "/nothing"))[0] == 404
            document = await status_json(database, base)
            live = document["instance"]["metrics"]
            assert live["sherpa_updates_received_total{kind=message}"] >= 2
            assert document["backlog"]["connections"]["size"] == 1
            assert document["users"]["onboarding"] + document["users"]["active"] == 1


@pytest.mark.slow
async def test_the_operators_port_on_postgresql_and_readiness_while_it_is_away(
    pg_migrated_url: DatabaseUrl, postgres_server: PostgresServer, tmp_path
):
    async with StandIn() as api, running_bot(api, pg_migrated_url, tmp_path) as base:
        before, after, text = await scrape_and_move(api, base)
        assert_moved(before, after)
        assert_private(text, api)
        postgres_server.halt("fast")
        try:
            async with asyncio.timeout(30):
                while (answer := await get(base, "/readyz"))[0] != 503:
                    await asyncio.sleep(0.2)
            assert answer[1].startswith("not ready: the database does not answer")
            assert len(answer[1].strip().splitlines()) == 1
            assert (await get(base, "/healthz"))[0] == 200  # alive, only not ready
            status, away = await get(base, "/metrics")  # the scrape still answers, and says so
            assert status == 200 and value(samples(away), "sherpa_database_up") == 0
        finally:
            postgres_server.resume()
        assert (await ready(base, timeout=60))[0] == 200
