"""/export and /delete end to end, and the operator's export command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from tests.helpers import World, answer_checkin, database_env, onboard


@pytest.mark.slow
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
    assert data["format"] == "sherpa-export" and data["version"] == 2
    answers = [a["text"] for c in data["checkins"] for s in c["steps"] for a in s["answers"]]
    assert answers == ["Ann schreef dit", "Ann schreef dit ook"]
    assert "Ann schreef dit" in files["md"]
    assert "4" in files["csv"] and "3" in files["csv"]
    everything = "".join(files.values())
    assert "Bob" not in everything and "1002" not in everything and "1001" not in everything


@pytest.mark.slow
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
    # A second tap on the old confirmation (its buttons are gone) changes nothing and
    # registers nobody again.
    confirmation = world.api.messages(ann)[-1]
    assert "Alles is gewist" in (confirmation.text or "") and not confirmation.buttons
    world.api.press(ann, confirmation.message_id, "c:delete:y")
    await world.bot.settle()
    assert world.api.calls_to("answerCallbackQuery")[-1].params.get("text") == (
        "Deze knop is niet meer geldig."
    )
    assert await storage.users.get(ann.id) is None


@pytest.mark.slow
async def test_operator_export_writes_the_files(world: World, tmp_path):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "voor de export", "tweede")
    await world.bot.stop()
    out = tmp_path / "request"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--user", "1001", "--out", str(out)],
        env={**os.environ, **database_env(world.database)},
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
        env={**os.environ, **database_env(world.database)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert missing.returncode == 1 and "no user 999" in missing.stderr


async def _stored(world: World, user) -> list[str]:
    days = await world.bot.services.storage.history.history(user.id)
    return [a for d in days for q in d.questions for a in q.answers]


async def test_the_guard_holds_back_client_details_until_the_user_chooses(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "Ik belde mevrouw Peeters op 0470 12 34 56 over de afspraak")
    question = world.last_text(ann)
    assert "telefoonnummer" in question and "naam" in question
    assert "0470" not in question and "Peeters" not in question  # shown masked
    assert await _stored(world, ann) == []  # nothing stored before the choice
    await world.tap(ann, "Bewaar zo, afgeschermd")
    assert await _stored(world, ann) == ["Ik belde […] op […] over de afspraak"]
    assert "afgeschermd" in world.api.messages(ann)[-2].text  # the question was closed
    assert "Overslaan" in world.api.last_message(ann).button_labels  # the next question came


@pytest.mark.slow
async def test_store_as_written_and_rewrite(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "Mail van jan.peeters@example.be gelezen")
    await world.tap(ann, "Ik herschrijf het")
    assert "Typ je antwoord opnieuw" in world.last_text(ann)
    assert await _stored(world, ann) == []
    await world.say(ann, "Een mail van de voogd gelezen")
    await world.say(ann, "Zijn nummer is 0470 12 34 56")
    await world.tap(ann, "Bewaar zoals ik het schreef")
    assert await _stored(world, ann) == [
        "Een mail van de voogd gelezen",
        "Zijn nummer is 0470 12 34 56",
    ]


async def test_support_lines_and_ordinary_numbers_pass_the_guard(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "Ik gaf het nummer van Tele-Onthaal 106 mee, om 16:30, score 4/5")
    assert await _stored(world, ann) == [
        "Ik gaf het nummer van Tele-Onthaal 106 mee, om 16:30, score 4/5"
    ]


async def test_edits_go_through_the_guard_too(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    sent = await world.say(ann, "Een gewoon antwoord")
    world.api.edit_text(ann, sent["message"]["message_id"], "Een antwoord met BE68 5390 0754 7034")
    await world.bot.settle()
    assert "rekeningnummer" in world.last_text(ann)
    assert await _stored(world, ann) == ["Een gewoon antwoord"]
    await world.tap(ann, "Bewaar zo, afgeschermd")
    assert await _stored(world, ann) == ["Een antwoord met […]"]
    # A held-back message fixed by editing it is stored as fixed, without asking again.
    held = await world.say(ann, "Ik sprak met meneer Janssens")
    world.api.edit_text(ann, held["message"]["message_id"], "Ik sprak met de vader")
    await world.bot.settle()
    assert (await _stored(world, ann))[-1] == "Ik sprak met de vader"
    # The guard question of that message has expired: its buttons change nothing.
    old = next(
        m for m in reversed(world.api.messages(ann)) if "Ik herschrijf het" in m.button_labels
    )
    keep = next(b for row in old.buttons for b in row if b.text == "Bewaar zoals ik het schreef")
    world.api.press(ann, old.message_id, keep.callback_data)
    await world.bot.settle()
    assert "meneer Janssens" not in " ".join(await _stored(world, ann))
    closed = next(m for m in world.api.messages(ann) if m.message_id == old.message_id)
    assert closed.text == "Deze knop is niet meer geldig." and not closed.buttons


async def test_undo_removes_the_last_answer(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/undo")
    assert "geen antwoord" in world.last_text(ann)
    await world.say(ann, "/today")
    await world.say(ann, "Eerste antwoord")
    await world.say(ann, "Een antwoord dat ik toch niet wil bewaren")
    await world.say(ann, "/undo")
    assert "Een antwoord dat ik toch niet wil bewaren" in world.last_text(ann)
    assert await _stored(world, ann) == ["Eerste antwoord"]
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, world.clock.now().date())
    steps = await storage.checkins.steps(checkin.id)
    assert [s.state for s in steps[:2]] == ["answered", "skipped"]


@pytest.mark.slow
async def test_retention_erases_old_checkins_nightly_and_keeps_the_rest(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    start = world.clock.now()
    for user in (ann, bob):
        await onboard(world, user)
        await world.say(user, "/today")
        await answer_checkin(world, user, "oud antwoord", "ook oud")
    await world.say(ann, "/settings")
    await world.tap(ann, "Bewaartermijn")
    await world.tap(ann, "3 maanden")
    assert (await world.bot.services.storage.users.get(ann.id)).retention_months == 3
    world.clock.set(start + timedelta(days=80))
    assert await world.bot.run_retention() == 0  # not yet three months
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "recent antwoord", "ook recent")
    world.clock.set(start + timedelta(days=95))
    assert await world.bot.run_retention() == 1
    assert await _stored(world, ann) == ["recent antwoord", "ook recent"]
    assert await _stored(world, bob) == ["oud antwoord", "ook oud"]  # Bob keeps everything
