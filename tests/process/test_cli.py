"""The command line: clear one-line configuration errors, help, migrate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "DEFAULT_TIMEZONE": "Mars/Olympus"}, "DEFAULT_TIMEZONE"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "DEFAULT_LANGUAGE": "fr"}, "DEFAULT_LANGUAGE"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        (
            {"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_BASE_URL": "ftp://x"},
            "TELEGRAM_API_BASE_URL",
        ),
    ],
)
def test_a_bad_setting_stops_the_start_with_one_line_and_status_2(tmp_path, env, variable):
    result = _run(["run"], env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0]
    assert "Traceback" not in result.stderr
    assert "not-a-token" not in result.stderr  # a malformed token is still a secret


@pytest.mark.slow
def test_help_lists_the_commands(tmp_path):
    result = _run(["--help"], {}, tmp_path)
    assert result.returncode == 0
    for command in ("run", "try", "migrate"):
        assert command in result.stdout
    for command in ("run", "try", "migrate"):
        assert _run([command, "--help"], {}, tmp_path).returncode == 0


@pytest.mark.slow
def test_migrate_creates_the_database_and_is_idempotent(tmp_path):
    env = {"DATABASE_PATH": str(tmp_path / "nested" / "db.sqlite3")}
    first = _run(["migrate"], env, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "0001_initial.sql" in first.stdout
    second = _run(["migrate"], env, tmp_path)
    assert "up to date" in second.stdout
    assert (tmp_path / "nested" / "db.sqlite3").exists()


def _try(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot try` fed a typed script, without a token."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "try"],
        input=script + "\n",
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
            "PYTHONPATH": str(ROOT),
        },
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_try_runs_a_whole_conversation_without_a_token(tmp_path):
    script = "\n".join(
        ["/start", "1", "8", "3", "1", "/_next", "Ik luisterde.", "Ik wachtte.", "4", "3", "/_quit"]
    )
    result = _try(script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "In welke taal" in out and "the clock jumps to" in out
    assert "Richtingsaanwijzer 1 ·" in out and "Energie" in out and "→ 3/5" in out
    assert not list(tmp_path.iterdir())  # the demo leaves no database behind


async def test_status_reports_from_the_database_and_fails_when_delivery_is_stuck(tmp_path):
    from datetime import UTC, datetime, timedelta

    from storage import NewOutboxItem, Storage

    path = tmp_path / "status.sqlite3"
    env = {"DATABASE_PATH": str(path)}
    healthy = _run(["status"], env, tmp_path)
    assert healthy.returncode == 0 and "delivery: ok" in healthy.stdout
    storage = await Storage.open(path)
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    await storage.outbox.enqueue([NewOutboxItem("checkin", 7, "2026-11-30", long_ago)], long_ago)
    await storage.close()
    stuck = _run(["status"], env, tmp_path)
    assert stuck.returncode == 1
    assert "1 pending" in stuck.stdout and "STUCK" in stuck.stdout


@pytest.mark.slow
def test_try_shows_a_newcomer_what_follows_heavy_words(tmp_path):
    script = "\n".join(
        ["/start", "1", "8", "3", "1", "/_next",
         "Ik kan niet meer, soms denk ik dat het beter is als ik er niet meer ben.",
         "2", "Een collega belde me.", "1", "1", "/_quit"]
    )  # fmt: skip
    result = _try(script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    heavy = out.index("Zelfmoordlijn 1813")
    assert "[1] Hier stoppen  [2] Verder met de check-in" in out[heavy:]
    assert "Wat je schreef, is bewaard en blijft van jou" in out  # the quiet close
    assert "Dank je" not in out[heavy:]
