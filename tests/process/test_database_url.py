"""DATABASE_URL through the real command line: where the data goes, and one-line refusals."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def sherpa(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", command],
        env={**clean, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "123:abc", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_line_refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.slow
def test_a_relative_sqlite_url_puts_the_database_under_the_working_folder(tmp_path):
    result = sherpa("migrate", {"DATABASE_URL": "sqlite:///data/from-url.sqlite3"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0001_initial.sql" in result.stdout
    assert (tmp_path / "data" / "from-url.sqlite3").exists()
    assert not (tmp_path / "data" / "sherpa.sqlite3").exists()  # not the DATABASE_PATH default
    status = sherpa("status", {"DATABASE_URL": "sqlite:///data/from-url.sqlite3"}, tmp_path)
    assert status.returncode == 0 and "users: 0 active" in status.stdout


@pytest.mark.slow
def test_an_absolute_sqlite_url_and_the_same_database_path_agree(tmp_path):
    database = tmp_path / "abs" / "sherpa.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "DATABASE_PATH": str(database)}
    result = sherpa("migrate", env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert database.exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["migrate", "run", "status"])
def test_a_url_and_a_path_that_disagree_stop_the_start_in_one_line(tmp_path, command):
    env = {"DATABASE_URL": "sqlite:///one.sqlite3", "DATABASE_PATH": "two.sqlite3"}
    line = one_line_refusal(sherpa(command, env, tmp_path))
    assert "DATABASE_URL" in line and "DATABASE_PATH" in line and "different" in line
    assert not (tmp_path / "one.sqlite3").exists() and not (tmp_path / "two.sqlite3").exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["migrate", "run", "status"])
def test_an_unreachable_postgresql_is_one_line_that_never_echoes_its_password(tmp_path, command):
    env = {"DATABASE_URL": f"postgresql://sherpa:hunter2secret@127.0.0.1:{closed_port()}/sherpa"}
    line = one_line_refusal(sherpa(command, env, tmp_path))
    assert "DATABASE_URL (postgresql://sherpa@127.0.0.1:" in line and "cannot connect" in line
    assert "hunter2secret" not in line
    assert not (tmp_path / "data").exists()  # nothing fell back to the SQLite default


def test_a_malformed_url_is_one_line_naming_the_setting(tmp_path):
    line = one_line_refusal(sherpa("migrate", {"DATABASE_URL": "sqlite://host/x.db"}, tmp_path))
    assert line.startswith("sherpa: configuration error: DATABASE_URL:")


@pytest.mark.slow
def test_a_corrupt_file_named_by_url_is_refused_naming_the_url(tmp_path):
    (tmp_path / "broken.sqlite3").write_bytes(os.urandom(64 * 1024))
    line = one_line_refusal(
        sherpa("migrate", {"DATABASE_URL": "sqlite:///broken.sqlite3"}, tmp_path)
    )
    assert "DATABASE_URL (sqlite:///broken.sqlite3)" in line and "not a usable" in line
