"""The operator's commands on PostgreSQL, as real processes: DATABASE_URL=postgresql://…

migrate, status, rotate-key and export open the database the URL names, on the server the
tests start (tests/postgres_server.py); a newer schema is refused in one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage import AnswerCipher, DatabaseUrl, NewStep, Storage, new_key, parse_key
from storage.migrate import available_migrations
from tests.helpers import add_checkin, add_user

pytestmark = pytest.mark.slow  # real processes

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SECRET = "Het gesprek over de verhuis liep moeizaam"


def sherpa(
    args: list[str], url: DatabaseUrl, cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    clean = {k: v for k, v in clean.items() if not k.startswith("ANSWERS_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**clean, "PYTHONPATH": str(ROOT), "DATABASE_URL": url.dsn or "", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def _answer(url: DatabaseUrl, cipher: AnswerCipher) -> None:
    storage = await Storage.open(url, cipher=cipher)
    try:
        await add_user(storage, 1001, NOW, step="days")
        steps = [NewStep("question", "s1.q-a", "Wat?")]
        checkin = await add_checkin(storage, 1001, date(2026, 3, 2), NOW, steps=steps)
        assert checkin is not None
        step = await storage.checkins.open_next_step(checkin.id, NOW)
        assert step is not None
        await storage.checkins.add_answer(step=step, message_id=5, text=SECRET, now=NOW)
    finally:
        await storage.close()


def test_migrate_then_status_on_a_blank_postgresql(pg_url, tmp_path):
    first = sherpa(["migrate"], pg_url, tmp_path)
    assert first.returncode == 0, first.stderr
    names = [m.name for m in available_migrations("postgresql")]
    assert first.stdout.strip() == "applied: " + ", ".join(names)
    again = sherpa(["migrate"], pg_url, tmp_path)
    assert again.returncode == 0 and again.stdout.strip() == "database is up to date"
    status = sherpa(["status"], pg_url, tmp_path)
    assert status.returncode == 0, status.stderr
    assert "users: 0 active" in status.stdout
    assert not (tmp_path / "data").exists()  # nothing fell back to the SQLite default


async def test_migrate_refuses_a_newer_schema_in_one_line(pg_url, tmp_path):
    storage = await Storage.open(pg_url)
    newest = available_migrations("postgresql")[-1].number
    await storage._db.write(
        "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
        (newest + 1, f"{newest + 1:04d}_later.sql", NOW.isoformat()),
    )
    await storage.close()
    result = sherpa(["migrate"], pg_url, tmp_path)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("sherpa: database error: DATABASE_URL (postgresql://")
    assert "schema is newer than this version" in line


async def test_rotate_key_and_export_work_on_postgresql(pg_url, tmp_path):
    await _answer(pg_url, AnswerCipher())  # written before encryption was turned on
    key = new_key()
    rotated = sherpa(["rotate-key"], pg_url, tmp_path, ANSWERS_ENCRYPTION_KEY=key)
    assert rotated.returncode == 0, rotated.stderr
    assert "re-encrypted 1 answers" in rotated.stdout
    storage = await Storage.open(pg_url, cipher=AnswerCipher(parse_key(key)))
    [(stored,)] = await storage._db.fetch_all("SELECT text FROM answers")
    await storage.close()
    assert SECRET not in stored  # sealed in the database now
    out = tmp_path / "export"
    exported = sherpa(
        ["export", "--user", "1001", "--out", str(out)], pg_url, tmp_path,
        ANSWERS_ENCRYPTION_KEY=key,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".csv", ".json", ".md"]
    assert SECRET in next(out.glob("*.md")).read_text()
