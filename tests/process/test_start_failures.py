"""`python -m bot run|migrate|status` on a database they cannot use: one line, exit 2, no hang.

Real processes with a timeout: a process that hangs fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage import Storage

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("run", "migrate", "status")


def sherpa(command: str, database: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",  # never reached
        "DATABASE_PATH": str(database),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DATABASE_PATH" in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_corrupt_database_is_refused_in_one_line(tmp_path, command):
    database = tmp_path / "sherpa.sqlite3"
    database.write_bytes(os.urandom(64 * 1024))
    assert_one_line_refusal(sherpa(command, database, tmp_path), "not a usable SQLite database")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_schema_newer_than_the_code_is_refused(tmp_path, command):
    database = tmp_path / "sherpa.sqlite3"

    async def seed() -> None:
        storage = await Storage.open(database)
        await storage.close()

    asyncio.run(seed())
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO schema_migrations (number, name, applied_at)"
            " VALUES (99, '0099_from_the_future.sql', '2030-01-01T00:00:00+00:00')"
        )
    result = sherpa(command, database, tmp_path)
    assert_one_line_refusal(result, "newer", "0099")
    assert "up to date" not in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_path_under_a_file_is_refused_in_one_line(tmp_path, command):
    (tmp_path / "data").write_text("not a folder")
    result = sherpa(command, tmp_path / "data" / "sherpa.sqlite3", tmp_path)
    assert_one_line_refusal(result, "is a file")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_path_that_is_a_folder_is_refused_in_one_line(tmp_path, command):
    (tmp_path / "sherpa.sqlite3").mkdir()
    assert_one_line_refusal(sherpa(command, tmp_path / "sherpa.sqlite3", tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_in_a_read_only_folder_is_refused_in_one_line(tmp_path, command):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        assert_one_line_refusal(sherpa(command, folder / "sherpa.sqlite3", tmp_path))
    finally:
        folder.chmod(0o700)


def run_with(tmp_path: Path, **values: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot run --webhook` with these settings (Telegram is never reached)."""
    clean = ("TELEGRAM_", "DATABASE_", "WEBHOOK_", "WEBAPP_")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(clean)},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "DATABASE_PATH": str(tmp_path / "sherpa.sqlite3"),
        "WEBHOOK_URL": "https://sherpa.example.org/telegram",
        "WEBHOOK_SECRET": "a-secret-of-sufficient-length_42",
        **values,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_setting_line(result: subprocess.CompletedProcess[str], setting: str, *words: str):
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith(f"sherpa: configuration error: {setting}: "), lines[0]
    assert "e.g." in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_database_url_with_port_99999_is_one_line(tmp_path):
    url = "postgresql://sherpa:s3cret-pw@127.0.0.1:99999/sherpa"
    result = run_with(tmp_path, DATABASE_URL=url)
    assert_one_setting_line(result, "DATABASE_URL", "port", "postgresql://")
    assert "s3cret-pw" not in result.stderr


def test_a_mysql_url_names_both_accepted_forms(tmp_path):
    result = run_with(tmp_path, DATABASE_URL="mysql://u:p@localhost/sherpa")
    assert_one_setting_line(result, "DATABASE_URL", "sqlite:///", "postgresql://")


def test_a_webhook_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_with(tmp_path, WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port))
    assert_one_setting_line(result, "WEBHOOK_PORT", str(port), "in use")


def test_an_unresolvable_webhook_listen_is_one_line(tmp_path):
    result = run_with(tmp_path, WEBHOOK_LISTEN="no-such-host.invalid", WEBHOOK_PORT="8443")
    assert_one_setting_line(result, "WEBHOOK_LISTEN", "no-such-host.invalid")
