"""Migration 0011: check-ins stored by list position (up to 0009) get the content ids.

A database is built at migration 0009, on each engine, filled with rows the way the old
code wrote them (prompt_index, question_index), then opened by today's Storage.
"""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from random import Random

from bot.checkin.rotation import plan_checkin
from bot.data_rights.export import export_json
from prompts import LANGUAGES, load_content
from storage import DatabaseUrl, RotationHistory, Storage
from storage.database import Database
from storage.engine import open_engine
from storage.migrate import _statements, applied_migrations, available_migrations
from tests.unit.test_prompts import SHIPPED, write

CONTENT = load_content()
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
STAMP = "2026-03-02T15:00:00Z"


async def database_at_0009(url: DatabaseUrl) -> None:
    """A database as Sherpa left it at migration 0009, with check-ins stored by position."""
    db = await open_engine(url)
    try:
        await applied_migrations(db)  # creates schema_migrations, as the old code did
        for migration in available_migrations(url.engine)[:9]:
            for statement in _statements(migration.sql):
                await db.write(statement)
            await db.write(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (migration.number, migration.name, STAMP),
            )
        for user_id, lang in ((1, "nl"), (2, "en")):
            await _old_rows(db, user_id, lang)
    finally:
        await db.close()


async def _old_rows(db: Database, user_id: int, lang: str) -> None:
    await db.write(
        "INSERT INTO users (user_id, chat_id, language, timezone, checkin_time, days,"
        " created_at, updated_at) VALUES (?, ?, ?, 'Europe/Brussels', '16:30', 31, ?, ?)",
        (user_id, user_id, lang, STAMP, STAMP),
    )
    # Signpost 7, prompt 3, questions 4 and 1; an answer to the first.
    checkin = await db.insert(
        "INSERT INTO checkins (user_id, local_date, signpost, prompt_index, trigger,"
        " created_at) VALUES (?, '2026-03-02', 7, 3, 'scheduled', ?) RETURNING id",
        (user_id, STAMP),
    )
    questions = CONTENT.signpost(lang, 7).questions
    for position, index in ((1, 4), (2, 1)):
        await db.write(
            "INSERT INTO checkin_steps (checkin_id, position, kind, question_index,"
            " question_text, state) VALUES (?, ?, 'question', ?, ?, 'answered')",
            (checkin, position, index, questions[index]),
        )
    await db.write(
        "INSERT INTO checkin_steps (checkin_id, position, kind) VALUES (?, 3, 'energy')",
        (checkin,),
    )
    step = await db.fetch_one(
        "SELECT id FROM checkin_steps WHERE checkin_id = ? AND position = 1", (checkin,)
    )
    assert step is not None
    await db.write(
        "INSERT INTO answers (step_id, user_id, message_id, text, created_at)"
        " VALUES (?, ?, 9, 'Oud antwoord', ?)",
        (step[0], user_id, STAMP),
    )


def reordered_copy(folder: Path) -> Path:
    """The shipped content with every prompt and question list reversed and reworded."""
    for lang in LANGUAGES:
        data = tomllib.loads((SHIPPED / f"{lang}.toml").read_text(encoding="utf-8"))
        for signpost in data["signposts"]:
            for field in ("prompts", "questions"):
                signpost[field] = [{**item, "text": f"{item['text'][:100]} (nieuw)"}
                                   for item in reversed(signpost[field])]  # fmt: skip
        write(folder, lang, data)
    return folder


async def test_positions_become_the_ids_of_the_content_at_that_time(blank_database_url):
    await database_at_0009(blank_database_url)
    storage = await Storage.open(blank_database_url)
    try:
        assert storage.applied == ["0010_typed_scores.sql", "0011_content_ids.sql"]
        for user_id, lang in ((1, "nl"), (2, "en")):
            signpost = CONTENT.signpost(lang, 7)
            checkin = await storage.checkins.for_date(user_id, date(2026, 3, 2))
            assert checkin is not None
            assert checkin.prompt_id == signpost.prompt_ids[3]
            assert checkin.prompt_text == signpost.prompts[3]  # in the user's language
            steps = await storage.checkins.steps(checkin.id)
            assert [s.question_id for s in steps] == [
                *(signpost.question_ids[i] for i in (4, 1)),
                None,
            ]
            history = await storage.checkins.rotation_history(user_id, 7)
            assert history.prompts == [signpost.prompt_ids[3]]
            assert history.questions == [[signpost.question_ids[4], signpost.question_ids[1]]]
    finally:
        await storage.close()


async def test_an_old_answer_is_exported_as_asked_after_the_content_changed_order(
    tmp_path, blank_database_url
):
    await database_at_0009(blank_database_url)
    storage = await Storage.open(blank_database_url)
    try:
        user = await storage.users.get(1)
        exported = await storage.history.export(1)
    finally:
        await storage.close()
    (changed := tmp_path / "changed").mkdir()
    content = load_content(reordered_copy(changed))
    assert content.signpost("nl", 7).prompts[3] != CONTENT.signpost("nl", 7).prompts[3]
    doc = json.loads(export_json(user, exported, content, NOW))
    [checkin] = doc["checkins"]
    asked = CONTENT.signpost("nl", 7)
    assert checkin["prompt"] == asked.prompts[3]
    assert checkin["prompt_key"] == asked.prompt_ids[3]
    first = checkin["steps"][0]
    assert first["question"] == asked.questions[4]
    assert first["answers"][0]["text"] == "Oud antwoord"


def test_rotation_by_id_survives_reordered_content(tmp_path):
    (changed := tmp_path / "changed").mkdir()
    moved = load_content(reordered_copy(changed)).signpost("nl", 7)
    used = list(CONTENT.signpost("nl", 7).question_ids[:-1])  # all but the last, by id
    plan = plan_checkin(moved, RotationHistory([], [used]), 1, Random(3))
    [step] = [s for s in plan.steps if s.kind == "question"]
    assert step.question_id == CONTENT.signpost("nl", 7).question_ids[-1]
    assert step.question_text == moved.question(step.question_id)
