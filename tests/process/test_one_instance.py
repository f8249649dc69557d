"""One bot per SQLite file, and Telegram's 409 Conflict stops polling with one clear line."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from standin import StandIn

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]


def _env(api: StandIn, database: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(database),
    }


async def _sherpa(api: StandIn, database: Path, cwd: Path, *args: str):
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=_env(api, database),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _stop(process) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def test_a_second_instance_stops_at_once_and_leaves_the_first_alone(tmp_path):
    database = tmp_path / "sherpa.sqlite3"
    async with StandIn() as api:
        first = await _sherpa(api, database, tmp_path, "run")
        try:
            ann = api.user(1001, "Ann")
            api.send_command(ann, "/start")
            await api.wait_for_messages(ann, 1, timeout=30)
            # An item the first instance is sending (its worker never claims it again).
            with sqlite3.connect(database) as db:
                db.execute(
                    "INSERT INTO outbox (chat_id, kind, period, state, due_at, not_before,"
                    " created_at, updated_at) VALUES (4242, 'checkin', '2026-03-02', 'sending',"
                    " '2026-03-02T15:30:00+00:00', '2026-03-02T15:30:00+00:00',"
                    " '2026-03-02T15:30:00+00:00', '2026-03-02T15:30:00+00:00')"
                )
            second = await _sherpa(api, database, tmp_path, "run")
            try:
                _, stderr = await asyncio.wait_for(second.communicate(), timeout=60)
            finally:
                if second.returncode is None:  # today's bug: it runs on; never leave it behind
                    second.kill()
                    await second.wait()
            lines = stderr.decode().strip().splitlines()
            assert second.returncode == 2, stderr.decode()
            assert len(lines) == 1 and "another Sherpa" in lines[0] and "DATABASE_PATH" in lines[0]
            migrate = await _sherpa(api, database, tmp_path, "migrate")
            _, stderr = await asyncio.wait_for(migrate.communicate(), timeout=60)
            assert migrate.returncode == 2 and "stop it before you migrate" in stderr.decode()
            status = await _sherpa(api, database, tmp_path, "status")  # made to run beside it
            await asyncio.wait_for(status.communicate(), timeout=60)
            assert status.returncode in (0, 1)
            with sqlite3.connect(database) as db:  # the second never reset the first's work
                assert db.execute("SELECT state FROM outbox WHERE chat_id = 4242").fetchone() == (
                    "sending",
                )
            api.press_button(ann, 0)  # the first still answers
            await api.wait_for(lambda call: call.method == "editMessageText", timeout=30)
        finally:
            log = await _stop(first)
    assert first.returncode == 0, log


async def test_a_409_conflict_stops_polling_with_one_line_that_says_what_to_do(tmp_path):
    database = tmp_path / "sherpa.sqlite3"
    async with StandIn() as api:
        process = await _sherpa(api, database, tmp_path, "run")
        try:
            ann = api.user(1001, "Ann")
            api.send_command(ann, "/start")
            await api.wait_for_messages(ann, 1, timeout=30)
            api.fail_next(
                "getUpdates",
                409,
                "Conflict: terminated by other getUpdates request;"
                " make sure that only one bot instance is running",
                count=1000,
            )
            api.send_command(ann, "/help")  # ends the long poll now
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        finally:
            if process.returncode is None:
                await _stop(process)
    log = stderr.decode()
    assert process.returncode == 2, log
    last = log.strip().splitlines()[-1]
    assert last.startswith("sherpa: configuration error: TELEGRAM_BOT_TOKEN: Telegram answered 409")
    assert "Stop the other instance" in last
    assert "Traceback" not in log
    assert api.stats.calls["getUpdates"] < 20  # not retried forever
