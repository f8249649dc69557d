"""`python -m bot copy-db --to postgresql://…` as a real process: SQLite in, PostgreSQL out.

Every table's rows arrive as stored (sealed answers stay sealed, copied without the key),
ids go on after the copied ones, and the command refuses a target with data, a source that
is not at the newest schema, and a SQLite file a bot is running on.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from storage import AnswerCipher, CipherError, DatabaseUrl, NewStep, Storage, new_key, parse_key
from storage.instance_lock import InstanceLock
from storage.models import NewOutboxItem
from tests.helpers import add_checkin, add_user, rows
from tests.postgres_server import PASSWORD, PostgresServer

pytestmark = pytest.mark.slow  # real processes and a real PostgreSQL server

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
KEY = new_key()
SECRET = "Het huisbezoek bij de familie raakte me meer dan ik liet zien"


@pytest.fixture
def target(postgres_server: PostgresServer) -> Iterator[DatabaseUrl]:
    """A blank PostgreSQL database, named by a URL with a password (which must never show)."""
    name = postgres_server.new_database()
    yield DatabaseUrl.parse(postgres_server.tcp_dsn(name))
    postgres_server.drop_database(name)


def copy_db(source: Path, to: DatabaseUrl, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command, with no ANSWERS_ENCRYPTION_KEY: copying needs none."""
    keep = ("TELEGRAM_", "DATABASE_", "ANSWERS_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(keep)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "copy-db", "--to", to.dsn or ""],
        env={**env, "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(source)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def a_week_of_sherpa(path: Path) -> None:
    """Users, check-ins with a sealed answer and scores, a team, pauses, outbox rows."""
    storage = await Storage.open(path, cipher=AnswerCipher(parse_key(KEY)))
    try:
        for user_id in (1001, 1002, 1003):
            await add_user(storage, user_id, NOW, step="days")
        steps = [NewStep("question", "s1.q-a", "Wat raakte je?"), NewStep("energy")]
        checkin = await add_checkin(storage, 1001, date(2026, 3, 2), NOW, steps=steps)
        assert checkin is not None
        step = await storage.checkins.open_next_step(checkin.id, NOW)
        assert step is not None
        await storage.checkins.add_answer(step=step, message_id=7, text=SECRET, now=NOW)
        score = await storage.checkins.open_next_step(checkin.id, NOW)
        assert score is not None
        await storage.checkins.close_step(score.id, state="answered", score=4, now=NOW)
        team = await storage.teams.create(
            name="Team Oost",
            code_hash="c0ffee",
            timezone="Europe/Brussels",
            language="nl",
            admin_id=1001,
            admin_name="Ann",
            now=NOW,
            next_digest_at=NOW + timedelta(days=4),
            limit=5,
        )
        assert team is not None
        assert await storage.teams.add_member(team.id, 1002, "Bob", NOW, limit=5) == "joined"
        await storage.pauses.start(1003, NOW, None)
        await storage.outbox.enqueue(
            [
                NewOutboxItem("checkin", 1001, "2026-03-03", NOW, user_id=1001),
                NewOutboxItem("nudge", 1002, "2026-W10", NOW, user_id=1002),
            ],
            NOW,
        )
    finally:
        await storage.close()


def sqlite_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, columns by name (the order PostgreSQL is read in too)."""
    with closing(sqlite3.connect(path)) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {}
        for table in names:
            if table.startswith("sqlite_") or table == "schema_migrations":
                continue
            columns = sorted(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
            found[table] = sorted(db.execute(f"SELECT {', '.join(columns)} FROM {table}"))
        return found


async def test_everything_arrives_as_stored_and_the_answers_stay_sealed(target, tmp_path):
    source = tmp_path / "sherpa.sqlite3"
    await a_week_of_sherpa(source)
    before = sqlite_tables(source)
    assert {t for t, r in before.items() if r} >= {"users", "answers", "teams", "outbox"}

    result = copy_db(source, target, tmp_path)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    for table, table_rows in before.items():  # counts of both sides, printed per table
        assert f"{table}: {len(table_rows)} → {len(table_rows)}" in out
    assert "DATABASE_URL=postgresql://sherpa_pw:****@127.0.0.1:" in out
    assert "keep your password" in out
    assert PASSWORD not in out + result.stderr
    for table, table_rows in before.items():
        columns = ", ".join(sorted(c for c in _columns(source, table)))
        assert sorted(await rows(target, f"SELECT {columns} FROM {table}")) == table_rows, table
    [(stored,)] = await rows(target, "SELECT text FROM answers")
    assert SECRET not in str(stored)  # still sealed: copied, never opened
    with pytest.raises(CipherError):  # without the key the bot would not start on it
        await Storage.open(target)
    storage = await Storage.open(target, cipher=AnswerCipher(parse_key(KEY)))
    try:
        [day] = await storage.history.history(1001)
        assert day.questions[0].answers == (SECRET,)
        # New rows get ids after the copied ones (the identity sequences were moved on).
        later = await add_checkin(storage, 1002, date(2026, 3, 3), NOW)
        assert later is not None and later.id > max(
            r[0] for r in await rows(target, "SELECT id FROM checkins WHERE user_id = 1001")
        )
    finally:
        await storage.close()


async def test_a_target_with_data_is_refused_and_left_alone(target, tmp_path):
    source = tmp_path / "sherpa.sqlite3"
    await a_week_of_sherpa(source)
    assert copy_db(source, target, tmp_path).returncode == 0
    again = copy_db(source, target, tmp_path)
    assert again.returncode == 2
    [line] = again.stderr.strip().splitlines()
    assert "is not empty" in line and PASSWORD not in line
    assert await rows(target, "SELECT COUNT(*) FROM users") == [(3,)]


async def test_a_source_behind_the_newest_migration_is_refused(target, tmp_path):
    source = tmp_path / "sherpa.sqlite3"
    await a_week_of_sherpa(source)
    with closing(sqlite3.connect(source)) as db, db:
        newest = "(SELECT MAX(number) FROM schema_migrations)"
        db.execute(f"DELETE FROM schema_migrations WHERE number = {newest}")
    result = copy_db(source, target, tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "run `python -m bot migrate` first" in line
    assert await rows(
        target,
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
    ) == [(0,)]  # untouched


async def test_a_running_bot_on_the_sqlite_file_is_refused(target, tmp_path):
    source = tmp_path / "sherpa.sqlite3"
    await a_week_of_sherpa(source)
    running = InstanceLock.acquire(source, "run the bot")  # what `run` holds
    try:
        result = copy_db(source, target, tmp_path)
    finally:
        assert running is not None
        running.release()
    assert result.returncode == 2
    assert "running on this database" in result.stderr


def _columns(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
