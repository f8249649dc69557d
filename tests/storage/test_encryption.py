"""Answers sealed at rest: round trips, wrong keys, tampering, rotation without downtime."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage import AnswerCipher, CipherError, DatabaseUrl, NewStep, Storage, new_key, parse_key
from tests.helpers import add_checkin, add_user

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SECRET = "Vertrouwelijk: het gesprek over de verhuis liep moeizaam"


def test_seal_and_open_round_trip_and_bind_the_owner():
    cipher = AnswerCipher(parse_key(new_key()))
    stored, kid = cipher.seal(SECRET, owner=7)
    assert SECRET not in stored and kid == cipher.current_id
    assert cipher.open(stored, kid, owner=7) == SECRET
    with pytest.raises(CipherError):
        cipher.open(stored, kid, owner=8)  # copied onto someone else's row
    tampered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
    with pytest.raises(CipherError):
        cipher.open(tampered, kid, owner=7)
    with pytest.raises(CipherError):
        AnswerCipher(parse_key(new_key())).open(stored, kid, owner=7)


def test_no_key_means_plain_text_and_malformed_keys_are_refused():
    assert AnswerCipher().seal("plain", 1) == ("plain", None)
    for bad in ("", "short", "!!!!", new_key()[:-8]):
        with pytest.raises(CipherError):
            parse_key(bad)


async def _store_answer(
    path: Path | DatabaseUrl, cipher: AnswerCipher, text: str, message_id: int = 1
) -> None:
    storage = await Storage.open(path, cipher=cipher)
    if await storage.users.get(1) is None:
        await add_user(storage, 1, NOW, step="days")
    checkin = await add_checkin(
        storage, 1, date(2026, 3, message_id), NOW, steps=[NewStep("question", "s1.q-a", "Wat?")]
    )
    step = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.add_answer(step=step, message_id=message_id, text=text, now=NOW)
    await storage.close()


async def _texts(path: Path | DatabaseUrl, cipher: AnswerCipher) -> list[str]:
    storage = await Storage.open(path, cipher=cipher)
    days = await storage.history.history(1)
    await storage.close()
    return [a for d in days for q in d.questions for a in q.answers]


async def test_sealed_answers_never_touch_the_disk_as_text(tmp_path):
    """SQLite only: the bytes of its files (PostgreSQL: the next test reads the column)."""
    path = tmp_path / "sealed.sqlite3"
    cipher = AnswerCipher(parse_key(new_key()))
    await _store_answer(path, cipher, SECRET)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert SECRET.encode() not in raw
    assert await _texts(path, cipher) == [SECRET]


async def test_sealed_answers_are_stored_sealed_on_both_engines(database_url):
    cipher = AnswerCipher(parse_key(new_key()))
    await _store_answer(database_url, cipher, SECRET)
    storage = await Storage.open(database_url, cipher=cipher)
    [(stored, kid)] = await storage._db.fetch_all("SELECT text, key_id FROM answers")
    await storage.close()
    assert SECRET not in stored and kid == cipher.current_id
    assert await _texts(database_url, cipher) == [SECRET]


async def test_a_wrong_or_missing_key_stops_the_open_with_a_clear_error(database_url):
    path = database_url
    await _store_answer(path, AnswerCipher(parse_key(new_key())), SECRET)
    with pytest.raises(CipherError, match="not configured"):
        await Storage.open(path, cipher=AnswerCipher(parse_key(new_key())))
    with pytest.raises(CipherError, match="not configured"):
        await Storage.open(path)  # no key at all


async def test_rotation_reseals_everything_while_both_keys_read(database_url):
    path = database_url
    old, new = parse_key(new_key()), parse_key(new_key())
    await _store_answer(path, AnswerCipher(), "plain before encryption", 1)
    await _store_answer(path, AnswerCipher(old), "sealed with the old key", 2)
    both = AnswerCipher(new, [old])
    storage = await Storage.open(path, cipher=both)
    await _store_answer_in(storage, "written during rotation")
    total = 0
    while done := await storage.checkins.reseal(batch=1):
        total += done
    await storage.close()
    assert total == 2
    expected = ["plain before encryption", "sealed with the old key", "written during rotation"]
    assert await _texts(path, AnswerCipher(new)) == expected  # the old key is no longer needed


async def _store_answer_in(storage: Storage, text: str) -> None:
    checkin = await add_checkin(
        storage, 1, date(2026, 3, 9), NOW, steps=[NewStep("question", "s1.q-a", "Wat?")]
    )
    step = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.add_answer(step=step, message_id=9, text=text, now=NOW)


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ANSWERS_", "TELEGRAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**base, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
async def test_cli_new_key_rotate_key_and_a_wrong_key_at_start(tmp_path):
    key = _cli(["new-key"], {}, tmp_path).stdout.strip()
    parse_key(key)
    path = tmp_path / "cli.sqlite3"
    await _store_answer(path, AnswerCipher(), SECRET)
    env = {"DATABASE_PATH": str(path), "ANSWERS_ENCRYPTION_KEY": key}
    rotated = _cli(["rotate-key"], env, tmp_path)
    assert rotated.returncode == 0 and "re-encrypted 1 answers" in rotated.stdout
    assert await _texts(path, AnswerCipher(parse_key(key))) == [SECRET]
    wrong = {**env, "ANSWERS_ENCRYPTION_KEY": new_key(), "TELEGRAM_BOT_TOKEN": "1:x"}
    result = _cli(["migrate"], wrong, tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "ANSWERS_ENCRYPTION_KEY" in line and "Traceback" not in result.stderr
    assert key not in result.stderr and wrong["ANSWERS_ENCRYPTION_KEY"] not in result.stderr
    malformed = _cli(["migrate"], {**env, "ANSWERS_ENCRYPTION_KEY": "not-a-key"}, tmp_path)
    assert malformed.returncode == 2 and "ANSWERS_ENCRYPTION_KEY" in malformed.stderr


async def test_updates_waiting_in_the_inbox_are_rotated_and_their_key_is_checked(database_url):
    path = database_url
    old, new = parse_key(new_key()), parse_key(new_key())
    storage = await Storage.open(path, cipher=AnswerCipher(old))
    await storage.inbox.store(7, 1, '{"text": "' + SECRET + '"}', NOW)  # a crash left it
    await storage.close()
    with pytest.raises(CipherError):  # without the key that sealed it, the start stops
        await Storage.open(path, cipher=AnswerCipher(new))
    storage = await Storage.open(path, cipher=AnswerCipher(new, [old]))
    assert await storage.inbox.reseal() == 1
    await storage.close()
    storage = await Storage.open(path, cipher=AnswerCipher(new))  # the old key can go now
    [waiting] = await storage.inbox.waiting()
    assert SECRET in waiting.body
    await storage.close()
