"""The storage API on both engines: migrations, schedule queries, check-ins, answers.

Each test runs on a SQLite file and on a PostgreSQL database (`database_url`); the few about
SQLite's files themselves (permissions, bytes left in the file) are marked SQLite-only.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, time, timedelta

import pytest

from storage import NewStep, Storage
from storage.migrate import available_migrations
from tests.helpers import add_checkin, add_user
from tests.storage.schema import table_names

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
STEPS = [
    NewStep("question", "s1.q-a", "Wat zag je?"),
    NewStep("question", "s1.q-d", "Wat deed je?"),
    NewStep("energy"),
    NewStep("boundaries"),
]


@pytest.fixture
async def storage(database_url):
    store = await Storage.open(database_url)
    yield store
    await store.close()


async def _user(storage: Storage, user_id: int = 1):
    return await add_user(storage, user_id, NOW)


async def test_blank_database_gets_every_migration_once(blank_database_url):
    engine = blank_database_url.engine
    store = await Storage.open(blank_database_url)
    assert store.applied == [m.name for m in available_migrations(engine)]
    await store.close()
    store = await Storage.open(blank_database_url)
    assert store.applied == []
    db = store._db  # the engine's own settings, read through the internal interface
    tables = await table_names(db)
    assert {"users", "checkins", "checkin_steps", "answers", "schema_migrations"} <= tables
    if engine == "sqlite":
        assert (await db.fetch_one("PRAGMA journal_mode"))[0] == "wal"
        assert (await db.fetch_one("PRAGMA foreign_keys"))[0] == 1
    await store.close()


async def test_the_schema_enforces_its_foreign_keys(storage):
    """A check-in of a user who does not exist is refused on both engines."""
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        await add_checkin(storage, 404, date(2026, 3, 2), NOW, steps=STEPS)


async def test_database_file_is_private_to_the_owner(tmp_path):
    """SQLite only: its file and folder are owner-only (PostgreSQL's files are the server's)."""
    store = await Storage.open(tmp_path / "private" / "db.sqlite3")
    await store.close()
    assert stat.S_IMODE(os.stat(tmp_path / "private" / "db.sqlite3").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "private").st_mode) == 0o700


async def test_user_round_trip_and_update(storage):
    user = await _user(storage)
    assert user.days == frozenset(range(5)) and user.checkin_time == time(16, 30)
    assert not user.onboarded
    due = NOW + timedelta(hours=1)
    user = await storage.users.update(
        1, NOW, onboarding_step=None, days=frozenset({0, 6}), next_due_at=due, paused_until=None
    )
    assert user.onboarded and user.days == frozenset({0, 6}) and user.next_due_at == due
    with pytest.raises(ValueError):
        await storage.users.update(1, NOW, created_at=NOW)


async def test_due_returns_only_what_is_due_in_order(storage):
    for user_id, minutes in ((1, 10), (2, -5), (3, -20)):
        await _user(storage, user_id)
        await storage.users.update(user_id, NOW, next_due_at=NOW + timedelta(minutes=minutes))
    due = await storage.users.due(NOW, limit=10, column="next_due_at")
    assert [u.user_id for u in due] == [3, 2]
    assert await storage.users.next_due_moment(["next_due_at"]) == NOW - timedelta(minutes=20)


async def test_counts_tell_active_paused_unreachable_and_onboarding_apart(storage):
    for user_id in range(1, 6):
        await _user(storage, user_id)  # all still onboarding
    for user_id in (2, 3, 4, 5):
        await storage.users.update(user_id, NOW, onboarding_step=None)
    await storage.users.update(3, NOW, paused=True, paused_until=None)
    await storage.users.update(4, NOW, active=False)
    counts = await storage.users.counts(NOW.date())
    assert (counts.active, counts.paused, counts.inactive, counts.onboarding) == (2, 1, 1, 1)


async def test_one_checkin_per_local_day(storage):
    await _user(storage)
    day = date(2026, 3, 2)
    first = await storage.checkins.create(
        user_id=1,
        local_date=day,
        signpost=3,
        prompt_id="s1.p-1",
        prompt_text="Een prompt",
        trigger="scheduled",
        steps=STEPS,
        now=NOW,
    )
    again = await add_checkin(storage, 1, day, NOW, steps=STEPS, signpost=4)
    assert first is not None and again is None
    assert (await storage.users.get(1)).next_signpost == 1  # moves only when taken up
    await storage.users.advance_signpost(1, past=3)
    assert (await storage.users.get(1)).next_signpost == 1  # not pointing at 3: unchanged
    await storage.users.advance_signpost(1, past=1)
    await storage.users.advance_signpost(1, past=1)  # twice is once
    assert (await storage.users.get(1)).next_signpost == 2
    steps = await storage.checkins.steps(first.id)
    assert [s.kind for s in steps] == ["question", "question", "energy", "boundaries"]
    assert all(s.state == "pending" for s in steps)


async def test_answers_follow_steps_and_edits(storage):
    await _user(storage)
    checkin = await add_checkin(storage, 1, date(2026, 3, 2), NOW, steps=STEPS, trigger="scheduled")
    step = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.set_step_message(step.id, 77)
    assert (await storage.checkins.open_step(1)).id == step.id
    assert (await storage.checkins.step_by_message(1, 77)).id == step.id
    assert await storage.checkins.add_answer(step=step, message_id=100, text="Eerste", now=NOW)
    # A redelivered update stores nothing twice.
    assert not await storage.checkins.add_answer(step=step, message_id=100, text="x", now=NOW)
    assert (await storage.checkins.step(step.id)).state == "answered"
    assert await storage.checkins.edit_answer(1, 100, "Bijgewerkt", NOW)
    assert not await storage.checkins.edit_answer(2, 100, "someone else", NOW)
    [answer] = await storage.checkins.answers(step.id)
    assert answer.text == "Bijgewerkt" and answer.edited
    nxt = await storage.checkins.open_next_step(checkin.id, NOW)
    assert nxt.position == 2
    assert await storage.checkins.close_step(nxt.id, state="skipped", now=NOW)
    assert not await storage.checkins.close_step(nxt.id, state="answered", now=NOW)


async def test_new_checkin_closes_an_open_question_of_an_earlier_day(storage):
    await _user(storage)
    first = await add_checkin(storage, 1, date(2026, 3, 2), NOW, steps=STEPS, trigger="scheduled")
    old = await storage.checkins.open_next_step(first.id, NOW)
    await add_checkin(
        storage, 1, date(2026, 3, 3), NOW, steps=STEPS, signpost=2, trigger="scheduled"
    )
    assert (await storage.checkins.step(old.id)).state == "skipped"
    assert await storage.checkins.open_step(1) is None


async def test_rotation_history_lists_prompts_and_questions(storage):
    await _user(storage)
    for offset, prompt in enumerate(("s5.p-c", "s5.p-a")):
        checkin = await storage.checkins.create(
            user_id=1,
            local_date=date(2026, 3, 2) + timedelta(days=offset),
            signpost=5,
            prompt_id=prompt,
            prompt_text="Een prompt",
            trigger="scheduled",
            steps=STEPS,
            now=NOW,
        )
        assert checkin is not None
    history = await storage.checkins.rotation_history(1, 5)
    assert history.prompts == ["s5.p-c", "s5.p-a"]
    assert history.questions == [["s1.q-a", "s1.q-d"], ["s1.q-a", "s1.q-d"]]


async def test_delete_erases_everything_also_from_the_file_and_the_log(tmp_path):
    """SQLite only: the erased text is gone from the file's bytes and its write-ahead log."""
    path = tmp_path / "erase.sqlite3"
    storage = await Storage.open(path)
    await _user(storage)
    await _user(storage, 2)
    for user_id in (1, 2):
        checkin = await add_checkin(
            storage, user_id, date(2026, 3, 2), NOW, steps=STEPS, trigger="scheduled"
        )
        step = await storage.checkins.open_next_step(checkin.id, NOW)
        secret = f"uniquesecretword{user_id}" * 20
        await storage.checkins.add_answer(step=step, message_id=10, text=secret, now=NOW)
    assert await storage.users.delete(1)
    assert await storage.users.get(1) is None
    assert await storage.checkins.count_answers(1) == 0
    assert await storage.checkins.count_answers(2) == 1
    await storage.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("erase"))
    assert b"uniquesecretword1" not in raw
    assert b"uniquesecretword2" in raw


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2026, 1, 15), 12, date(2025, 1, 15)),
        (date(2026, 3, 1), 6, date(2025, 9, 1)),
    ],
)
def test_months_before_clamps_to_the_end_of_shorter_months(day, months, expected):
    from storage.retention import months_before

    assert months_before(day, months) == expected
