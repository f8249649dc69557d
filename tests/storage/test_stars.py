"""Stars (migration 0017) on both engines: only her own answers, toggled, gone with the answer
and with her, and read back by the history, the export and /ster's look-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storage import NewStep, Storage
from tests.helpers import add_checkin, add_user

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)
STEPS = [NewStep("question", 0, "Wat?"), NewStep("question", 1, "En nog?")]


@pytest.fixture
async def storage(database_url):
    store = await Storage.open(database_url)
    yield store
    await store.close()


async def _answers(storage: Storage, user_id: int, *texts: str, day: date = MONDAY) -> list[int]:
    """Her answers to one check-in's questions, their ids in order (message ids 100, 101, …)."""
    checkin = await add_checkin(storage, user_id, day, NOW, steps=STEPS)
    assert checkin is not None
    ids = []
    for offset, text in enumerate(texts):
        step = await storage.checkins.open_next_step(checkin.id, NOW)
        assert step is not None
        message_id = user_id * 1000 + day.day * 10 + offset
        await storage.checkins.add_answer(step=step, message_id=message_id, text=text, now=NOW)
        ids.append((await storage.checkins.answers(step.id))[-1].id)
    return ids


async def _star_rows(storage: Storage) -> int:
    row = await storage._db.fetch_one("SELECT COUNT(*) FROM stars")
    assert row is not None
    return int(row[0])


async def test_a_star_marks_only_her_own_answer_and_toggles(storage: Storage):
    await add_user(storage, 1, NOW)
    await add_user(storage, 2, NOW)
    first, second = await _answers(storage, 1, "Eerste", "Tweede")
    (theirs,) = await _answers(storage, 2, "Van iemand anders")
    assert await storage.stars.starred(1) == frozenset()
    assert await storage.stars.star(1, first, NOW)
    assert await storage.stars.star(1, first, NOW)  # twice is once
    assert not await storage.stars.star(1, theirs, NOW)  # not hers: nothing changes
    assert not await storage.stars.star(1, 999_999, NOW)
    assert await storage.stars.starred(1) == {first}
    assert await storage.stars.starred(2) == frozenset()
    assert await storage.stars.toggle(1, second, NOW) is True
    assert await storage.stars.toggle(1, second, NOW) is False
    assert await storage.stars.starred(1, (first, second)) == {first}
    assert await storage.stars.starred(1, ()) == frozenset()
    assert await storage.stars.set(1, first, False, NOW) is False
    assert await storage.stars.unstar(1, first) is False
    assert await _star_rows(storage) == 0


async def test_an_answer_of_a_check_in_with_heavy_words_takes_no_star(storage: Storage):
    """The callers say so kindly (/ster, the Mini App); storage keeps it whatever asks."""
    await add_user(storage, 1, NOW)
    (heavy,) = await _answers(storage, 1, "Zwaar")
    (light,) = await _answers(storage, 1, "Licht", day=date(2026, 3, 3))
    step = await storage.checkins.step_of_answer(1, 1000 + 20)
    assert step is not None
    await storage.checkins.set_care_mark(step.checkin_id, "self")
    assert not await storage.stars.star(1, heavy, NOW)
    assert not await storage.stars.toggle(1, heavy, NOW)
    assert await storage.stars.star(1, light, NOW)
    assert await storage.stars.starred(1) == {light}


async def test_the_last_answer_and_the_answer_of_a_message_are_found_with_their_star(
    storage: Storage,
):
    await add_user(storage, 1, NOW)
    assert await storage.stars.last_answer(1) is None
    first, second = await _answers(storage, 1, "Eerste", "Tweede")
    last = await storage.stars.last_answer(1)
    assert last is not None and (last.answer_id, last.text, last.starred) == (
        second,
        "Tweede",
        False,
    )
    assert last.local_date == MONDAY and last.care_mark is None
    await storage.stars.star(1, first, NOW)
    replied = await storage.stars.answer_of_message(1, 1000 + 20 + 0)
    assert replied is not None and (replied.answer_id, replied.starred) == (first, True)
    assert await storage.stars.answer_of_message(2, 1020) is None  # someone else's message


async def test_the_history_and_the_export_carry_answer_ids_and_stars(storage: Storage):
    await add_user(storage, 1, NOW)
    first, second = await _answers(storage, 1, "Eerste", "Tweede")
    await storage.stars.star(1, second, NOW)
    (day,) = await storage.history.history(1)
    assert [q.answer_ids for q in day.questions] == [(first,), (second,)]
    (checkin,) = await storage.history.export(1)
    answers = [a for s in checkin.steps for a in s.answers]
    assert [(a.id, a.text, a.starred) for a in answers] == [
        (first, "Eerste", False),
        (second, "Tweede", True),
    ]


async def test_stars_go_with_their_answer_and_with_her(storage: Storage):
    await add_user(storage, 1, NOW)
    await add_user(storage, 2, NOW)
    first, second = await _answers(storage, 1, "Eerste", "Tweede")
    (theirs,) = await _answers(storage, 2, "Blijft")
    for user_id, answer_id in ((1, first), (1, second), (2, theirs)):
        await storage.stars.star(user_id, answer_id, NOW)
    assert await storage.checkins.delete_last_answer(1) == "Tweede"  # /undo
    assert await storage.stars.starred(1) == {first}
    assert await storage.users.delete(1)  # /delete
    assert await storage.stars.starred(1) == frozenset()
    assert await _star_rows(storage) == 1  # hers are gone, the other user's stays
    assert await storage.stars.starred(2) == {theirs}
