"""`python -m bot run` as a real process against the stand-in: polling, answers, clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bot.standin import StandIn

ROOT = Path(__file__).resolve().parent.parent


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
