"""Migration 0016: check-ins get a kind; a day can hold its check-in and the weekly talk.

SQLite rebuilds the table: a database at 0015 with check-ins, steps and answers keeps all of
them (nothing cascades away), on each engine."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage import DatabaseUrl, NewStep, Storage
from storage.engine import open_engine
from storage.migrate import _statements, applied_migrations, available_migrations

STAMP = "2026-03-02T15:00:00Z"
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


async def database_at_0015(url: DatabaseUrl) -> None:
    db = await open_engine(url)
    try:
        await applied_migrations(db)
        for migration in available_migrations(url.engine)[:15]:
            for statement in _statements(migration.sql):
                await db.write(statement)
            await db.write(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (migration.number, migration.name, STAMP),
            )
        await db.write(
            "INSERT INTO users (user_id, chat_id, language, timezone, checkin_time, days,"
            " created_at, updated_at) VALUES (1, 1, 'nl', 'Europe/Brussels', '16:30', 31, ?, ?)",
            (STAMP, STAMP),
        )
        checkin = await db.insert(
            "INSERT INTO checkins (user_id, local_date, signpost, trigger, created_at, care_mark)"
            " VALUES (1, '2026-03-02', 3, 'scheduled', ?, 'client') RETURNING id",
            (STAMP,),
        )
        step = await db.insert(
            "INSERT INTO checkin_steps (checkin_id, position, kind, question_text, state)"
            " VALUES (?, 1, 'question', 'Wat', 'answered') RETURNING id",
            (checkin,),
        )
        await db.write(
            "INSERT INTO answers (step_id, user_id, message_id, text, created_at)"
            " VALUES (?, 1, 9, 'Oud antwoord', ?)",
            (step, STAMP),
        )
    finally:
        await db.close()


async def test_rows_survive_and_a_day_holds_a_check_in_and_a_weekly_talk(blank_database_url):
    await database_at_0015(blank_database_url)
    storage = await Storage.open(blank_database_url)
    try:
        assert "0016_reflective_cycle.sql" in storage.applied
        checkin = await storage.checkins.for_date(1, date(2026, 3, 2))
        assert checkin is not None and checkin.kind == "daily" and checkin.care_mark == "client"
        [exported] = await storage.history.export(1)
        assert exported.steps[0].answers[0].text == "Oud antwoord"
        user = await storage.users.get(1)
        assert user is not None and user.look_backs
        talk = await storage.checkins.create(
            user_id=1,
            local_date=date(2026, 3, 2),
            signpost=3,
            prompt_id=None,
            prompt_text=None,
            trigger="scheduled",
            steps=[NewStep("question", "cycle.zoom_out", "Wat valt je op?")],
            now=NOW,
            kind="weekly",
        )
        assert talk is not None and talk.kind == "weekly" and talk.id != checkin.id
        again = await storage.checkins.create(
            user_id=1,
            local_date=date(2026, 3, 2),
            signpost=3,
            prompt_id=None,
            prompt_text=None,
            trigger="scheduled",
            steps=[],
            now=NOW,
            kind="weekly",
        )
        assert again is None  # one weekly talk a day, as one check-in a day
    finally:
        await storage.close()
    if blank_database_url.engine == "sqlite":  # the rebuild left the keys whole and on
        db = await open_engine(blank_database_url)
        try:
            assert await db.fetch_all("PRAGMA foreign_key_check") == []
            assert (await db.fetch_one("PRAGMA foreign_keys"))[0] == 1
        finally:
            await db.close()
