"""Key rotation while the bot keeps editing: no edit is undone, every text ends under the new key.

An undone edit is worse than a lost one here: each edit masks a client's name and phone
number, so a reverted row would hold the unmasked original again.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from random import Random

import pytest

from storage import AnswerCipher, NewStep, PendingAnswer, Storage, new_key, parse_key
from tests.helpers import add_checkin, add_user

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
ANSWERS = 10000
ORIGINAL = "Gesprek {n} met Jan Peeters, bel hem op 0470 12 34 56"
MASKED = "Gesprek {n} met [naam], bel hem op [telefoonnummer] (bewerkt {k})"


async def _user(storage: Storage, user_id: int) -> None:
    await add_user(storage, user_id, NOW, step="days")


async def _seed(path: Path, cipher: AnswerCipher) -> dict[int, str]:
    """ANSWERS answers of user 1 (message ids 1..ANSWERS), each naming a client and a phone."""
    storage = await Storage.open(path, cipher=cipher)
    await _user(storage, 1)
    checkin = await add_checkin(
        storage, 1, date(2026, 3, 2), NOW, steps=[NewStep("question", "s1.q-a", "Wat?")]
    )
    step = await storage.checkins.open_next_step(checkin.id, NOW)
    latest = {}
    async with storage.transaction():  # one commit for the lot: seeding stays quick
        for n in range(1, ANSWERS + 1):
            latest[n] = ORIGINAL.format(n=n)
            await storage.checkins.add_answer(step=step, message_id=n, text=latest[n], now=NOW)
    await storage.close()
    return latest


async def _stored(path: Path, cipher: AnswerCipher) -> dict[int, str]:
    storage = await Storage.open(path, cipher=cipher)
    [day] = await storage.history.export(1)
    answers = [a.text for s in day.steps for a in s.answers]
    await storage.close()
    return dict(enumerate(answers, start=1))


def _key_ids(path: Path) -> set[str | None]:
    with closing(sqlite3.connect(path)) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT key_id FROM answers")}


async def test_rotate_key_process_keeps_every_edit_made_meanwhile(tmp_path):
    path = tmp_path / "sherpa.sqlite3"
    old, new = new_key(), new_key()
    latest = await _seed(path, AnswerCipher(parse_key(old)))
    # The bot, restarted with both keys as the README says, keeps editing during the rotation:
    # each edit masks the client's name and phone number.
    bot = await Storage.open(path, cipher=AnswerCipher(parse_key(new), [parse_key(old)]))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSWERS_", "DATABASE_"))}
    env |= {"PYTHONPATH": str(ROOT), "DATABASE_PATH": str(path)}
    env |= {"ANSWERS_ENCRYPTION_KEY": new, "ANSWERS_ENCRYPTION_OLD_KEYS": old}
    rotation = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "rotate-key",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    rng, edits = Random(9), 0
    try:
        while rotation.returncode is None:  # set by the event loop once the process ends
            n = rng.randint(1, ANSWERS)
            edits += 1
            text = MASKED.format(n=n, k=edits)
            assert await bot.checkins.edit_answer(1, n, text, NOW)
            latest[n] = text
        out, err = await rotation.communicate()
    finally:
        await bot.close()
    assert rotation.returncode == 0, err.decode()
    assert "re-encrypted" in out.decode()
    assert edits > 0
    # Only the new key is needed now, and every answer holds its latest text.
    assert _key_ids(path) == {AnswerCipher(parse_key(new)).current_id}
    stored = await _stored(path, AnswerCipher(parse_key(new)))
    reverted = [n for n in latest if stored[n] != latest[n]]
    assert reverted == [], f"{len(reverted)} of {edits} edits were undone"


async def test_resealing_held_back_answers_keeps_the_newest_one(tmp_path):
    # The guard holds at most one answer per user; a new one replaces it while rotation runs.
    path = tmp_path / "sherpa.sqlite3"
    old, new = parse_key(new_key()), parse_key(new_key())
    storage = await Storage.open(path, cipher=AnswerCipher(old))
    users = range(1, 41)
    step_of = {}
    for user_id in users:
        await _user(storage, user_id)
        checkin = await add_checkin(
            storage, user_id, date(2026, 3, 2), NOW, steps=[NewStep("question", "s1.q-a", "Wat?")]
        )
        step_of[user_id] = (await storage.checkins.open_next_step(checkin.id, NOW)).id
    await storage.close()

    both = AnswerCipher(new, [old])
    rotation = await Storage.open(path, cipher=both)
    bot = await Storage.open(path, cipher=both)
    latest: dict[int, PendingAnswer] = {}

    async def hold(user_id: int, message_id: int) -> None:
        held = PendingAnswer(
            user_id=user_id,
            step_id=step_of[user_id],
            message_id=message_id,
            is_edit=False,
            text=f"Jan Peeters 0470 12 34 56 ({message_id})",
            masked=f"[naam] [telefoonnummer] ({message_id})",
        )
        await bot.pending.hold(held, NOW)
        latest[user_id] = held

    for user_id in users:
        await hold(user_id, 1)
    done = asyncio.Event()

    async def keep_holding() -> None:
        message_id = 1
        while not done.is_set():
            message_id += 1
            for user_id in users:
                await hold(user_id, message_id)
            await asyncio.sleep(0)

    holder = asyncio.create_task(keep_holding())
    try:
        for _ in range(30):
            await rotation.pending.reseal()
        done.set()
        await holder
        for user_id in users:
            expected = latest[user_id]
            taken = await rotation.pending.take(user_id, expected.message_id)
            assert taken == expected, f"user {user_id} got an older held answer back"
    finally:
        await rotation.close()
        await bot.close()
