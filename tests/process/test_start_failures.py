"""`python -m bot run|migrate|status` on a database they cannot use: one line, exit 2, no hang.

Real processes with a timeout: a process that hangs fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import os
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
