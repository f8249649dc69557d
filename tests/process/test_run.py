"""`python -m bot run` as a real process against the stand-in: polling, answers, clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from standin import StandIn
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]


async def test_run_polls_answers_and_stops_cleanly_on_sigterm(tmp_path):
    database = tmp_path / "data" / "sherpa.sqlite3"
    async with StandIn() as api:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_PATH": str(database),
            "LOG_LEVEL": "DEBUG",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            ann = api.user(1001, "Ann")
            api.send_command(ann, "/start")
            await api.wait_for_messages(ann, 1, timeout=30)
            assert "Sherpa" in (api.last_message(ann).text or "")
            api.press_button(ann, 0)
            await api.wait_for(lambda call: call.method == "editMessageText", timeout=10)
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    log = stderr.decode()
    assert "Sherpa stopped" in log
    assert api.token not in log and api.token.split(":")[1] not in log
    with sqlite3.connect(database) as db:  # the onboarding step was stored before the stop
        assert db.execute("SELECT onboarding_step FROM users").fetchone() == ("days",)


async def test_a_stop_signal_while_telegram_is_unreachable_ends_the_start_cleanly(tmp_path):
    """SIGINT during the start's network retries: no waiting them out, the database closed."""
    database = tmp_path / "sherpa.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",  # nothing listens: retried
        "DATABASE_PATH": str(database),
    }
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run"),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    seen = b""
    async with asyncio.timeout(60):
        while b"could not start" not in seen:  # the first retry: still starting
            line = await process.stderr.readline()
            assert line, seen.decode()
            seen += line
    process.send_signal(signal.SIGINT)
    _, rest = await asyncio.wait_for(process.communicate(), timeout=30)
    log = (seen + rest).decode()
    assert process.returncode == 0, log
    assert "Sherpa stopped" in log and "Traceback" not in log
    assert not database.with_name(database.name + "-wal").exists()  # closed, checkpointed


async def test_webhook_mode_checks_the_secret_and_handles_updates(tmp_path):
    import httpx

    port, secret = free_port(), "a-secret-of-sufficient-length_42"
    async with StandIn() as api:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_PATH": str(tmp_path / "hook.sqlite3"),
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "WEBHOOK_SECRET": secret,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            hook = await api.wait_for(lambda call: call.method == "setWebhook", timeout=30)
            assert hook.params["secret_token"] == secret
            assert int(hook.params["max_connections"]) == 1  # Telegram sends in order
            ann = api.user(1001, "Ann")
            update = api.send_command(ann, "/start")
            url = f"http://127.0.0.1:{port}/telegram"
            async with httpx.AsyncClient() as client:
                for _attempt in range(50):  # the server starts right after setWebhook
                    try:
                        refused = await client.post(url, json=update)
                        break
                    except httpx.ConnectError:
                        await asyncio.sleep(0.1)
                assert refused.status_code == 403  # no secret header
                forged = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong" * 4}
                )
                assert forged.status_code == 403
                assert api.messages(ann) == []
                accepted = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
                )
                assert accepted.status_code == 200
            await api.wait_for_messages(ann, 1, timeout=30)
            assert "Sherpa" in (api.last_message(ann).text or "")
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert secret not in stderr.decode()


@pytest.mark.slow
def test_webhook_mode_needs_its_settings(tmp_path):
    import subprocess

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": "123:abc",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "WEBHOOK_URL" in result.stderr
    short = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook"],
        env={**env, "WEBHOOK_URL": "https://x.example/hook", "WEBHOOK_SECRET": "short"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert short.returncode == 2 and "WEBHOOK_SECRET" in short.stderr


@pytest.mark.slow
async def test_a_second_sigterm_during_the_stop_lets_in_flight_work_finish(tmp_path):
    """An impatient second Ctrl-C (or SIGTERM) while a reply is still on its way."""
    database = tmp_path / "sherpa.sqlite3"
    async with StandIn() as api:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_PATH": str(database),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        ann = api.user(1001, "Ann")
        api.send_command(ann, "/start")
        await api.wait_for_messages(ann, 1, timeout=30)
        api.slow("sendMessage", 3.0)  # the reply to /help takes a while to go out
        api.send_command(ann, "/help")
        await asyncio.sleep(1.0)  # fetched, and its reply in flight
        process.send_signal(signal.SIGTERM)
        await asyncio.sleep(0.3)
        process.send_signal(signal.SIGTERM)  # the stop is still waiting for that reply
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        log = stderr.decode()
        assert process.returncode == 0, log
        assert "Sherpa stopped" in log and "Traceback" not in log
        assert len(api.messages(ann)) == 2  # the reply in flight went out before the stop
