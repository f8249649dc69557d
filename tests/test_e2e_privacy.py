"""/export and /delete end to end, and the operator's export command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers import World, answer_checkin, onboard


async def test_export_sends_journal_json_and_csv_with_only_the_users_data(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    for user, words in ((ann, "Ann schreef dit"), (bob, "Bob schreef iets anders")):
        await onboard(world, user)
        await world.say(user, "/today")
        await answer_checkin(world, user, words, f"{words} ook")
    await world.say(ann, "/export")
    documents = [m for m in world.api.messages(ann) if m.kind == "document"]
    names = sorted(d.media.filename for d in documents)
    assert [n.rsplit("-", 3)[0] for n in names] == [
        "sherpa-export",
        "sherpa-journal",
        "sherpa-scales",
    ]
    files = {
        d.media.filename.rsplit(".", 1)[1]: d.media.data.decode("utf-8-sig") for d in documents
    }
    data = json.loads(files["json"])
    assert data["format"] == "sherpa-export" and data["version"] == 1
    answers = [a["text"] for c in data["checkins"] for s in c["steps"] for a in s["answers"]]
    assert answers == ["Ann schreef dit", "Ann schreef dit ook"]
    assert "Ann schreef dit" in files["md"]
    assert "4" in files["csv"] and "3" in files["csv"]
    everything = "".join(files.values())
    assert "Bob" not in everything and "1002" not in everything and "1001" not in everything


async def test_delete_asks_first_and_then_erases_everything(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    for user in (ann, bob):
        await onboard(world, user)
        await world.say(user, "/today")
        await answer_checkin(world, user, "iets", "nog iets")
    await world.say(ann, "/delete")
    assert "2 antwoorden" in world.last_text(ann)
    await world.tap(ann, "Nee, toch bewaren")
    storage = world.bot.services.storage
    assert await storage.checkins.count_answers(ann.id) == 2
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    assert "Alles is gewist" in world.last_text(ann)
    assert await storage.users.get(ann.id) is None
    assert await storage.checkins.count_answers(ann.id) == 0
    assert await storage.checkins.count_answers(bob.id) == 2
    # An old confirmation button cannot bring anything back or erase twice.
    await world.tap(ann, 0) if world.api.last_message(ann).buttons else None
    assert await storage.users.get(ann.id) is None


async def test_operator_export_writes_the_files(world: World, tmp_path):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "voor de export", "tweede")
    await world.bot.stop()
    out = tmp_path / "request"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--user", "1001", "--out", str(out)],
        env={**os.environ, "DATABASE_PATH": str(world.database)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    await world.start_again()
    assert result.returncode == 0, result.stderr
    written = sorted(p.suffix for p in out.iterdir())
    assert written == [".csv", ".json", ".md"]
    assert "voor de export" in (next(out.glob("*.md"))).read_text()
    assert oct(out.stat().st_mode & 0o777) == "0o700"
    missing = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--user", "999", "--out", str(out)],
        env={**os.environ, "DATABASE_PATH": str(world.database)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert missing.returncode == 1 and "no user 999" in missing.stderr
