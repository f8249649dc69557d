"""/ster and /supervisie end to end through the stand-in, on both engines: weeks of check-ins,
one answer masked by the privacy guard, stars set and taken off, the PDF of her starred words
and of all of them (read back with poppler), and /delete leaving no star behind."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from standin import FakeUser
from tests.helpers import DUE_MONDAY, World, answer_checkin, onboard, rows

MASKED = "Ik belde mevrouw Peeters over het plan"
STARRED = "Ik bewaakte mijn grens in het overleg"
UNSTARRED = ("De jongere vertelde eerst haar verhaal", "Koffie samen na het gesprek")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install poppler-utils)", pytrace=False)
    return path


def _documents(world: World, user: FakeUser) -> list:
    return [m for m in world.api.messages(user) if m.kind == "document"]


def _text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(out.split())


async def _day(world: World, ann: FakeUser, week: int) -> None:
    """The clock at 17:00 Brussels on the Monday of that week (0 = the first)."""
    world.clock.set(DUE_MONDAY + timedelta(days=7 * week, minutes=30))


@pytest.mark.slow
async def test_a_practitioner_stars_answers_and_takes_her_words_to_supervision(
    world: World, tmp_path: Path
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/ster")
    assert "nog geen antwoord" in world.last_text(ann)

    await _day(world, ann, 0)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, *UNSTARRED)

    await _day(world, ann, 1)
    await world.say(ann, "/today")
    masked_message = await world.say(ann, MASKED)
    await world.tap(ann, "Bewaar zo, afgeschermd")
    await answer_checkin(world, ann, "Een rustige namiddag")

    await _day(world, ann, 2)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "Nog een gewone zin", STARRED)
    # /ster marks her last answer and says which; again takes the star off; a third time on.
    await world.say(ann, "/ster")
    said = world.last_text(ann)
    assert said.startswith("⭐") and STARRED in said and "maandag 16 maart" in said
    await world.say(ann, "/ster")
    assert "weggehaald" in world.last_text(ann) and STARRED in world.last_text(ann)
    await world.say(ann, "/star")
    assert STARRED in world.last_text(ann)
    # As a reply to an earlier answer of hers, /ster marks that one: the masked one here.
    await world.say(ann, "/ster", reply_to=masked_message["message"]["message_id"])
    assert "Ik belde […]" in world.last_text(ann) and "Peeters" not in world.last_text(ann)
    stars = await rows(world.database, "SELECT answer_id FROM stars WHERE user_id = ?", ann.id)
    assert len(stars) == 2

    # /supervisie: the period, then only the starred ones.
    await world.say(ann, "/supervisie")
    asked = world.api.last_message(ann)
    assert asked is not None
    assert asked.button_labels == ["Laatste 4 weken", "Laatste 8 weken", "Laatste 3 maanden"]
    await world.tap(ann, "Laatste 4 weken")
    assert world.api.last_message(ann).button_labels == ["Alle antwoorden", "Alleen met ⭐"]
    await world.tap(ann, "Alleen met ⭐")
    [document] = _documents(world, ann)
    assert document.media.filename == "sherpa-supervisie-2026-02-17_2026-03-16.pdf"
    assert document.media.data.startswith(b"%PDF-")
    assert "eigen woorden" in document.caption and "afgeschermd" in document.caption
    assert any("Je PDF wordt gemaakt" in t for t in world.texts(ann))
    assert world.api.calls_to("sendChatAction")[-1].params["action"] == "upload_document"
    starred = _text(document.media.data, tmp_path, "starred.pdf")
    assert STARRED in starred and "Ik belde […] over het plan" in starred
    assert "Peeters" not in starred
    for words in (*UNSTARRED, "Nog een gewone zin", "Een rustige namiddag"):
        assert words not in starred

    # `/supervisie 8`: straight to all or starred; all of them, and page one has ink on it.
    await world.say(ann, "/supervisie 8")
    await world.tap(ann, "Alle antwoorden")
    everything = _documents(world, ann)[-1]
    assert everything.media.filename == "sherpa-supervisie-2026-01-20_2026-03-16.pdf"
    text = _text(everything.media.data, tmp_path, "all.pdf")
    assert all(words in text for words in (*UNSTARRED, STARRED, "Ik belde […] over het plan"))
    assert "Peeters" not in text
    first_page = ["-png", "-r", "50", "-f", "1", "-l", "1"]
    pdf = tmp_path / "all.pdf"
    subprocess.run([_tool("pdftoppm"), *first_page, str(pdf), str(tmp_path / "p")], check=True)
    [png] = tmp_path.glob("p-*.png")
    with Image.open(png) as image:
        grey = image.convert("L")
        inked = sum(count for level, count in enumerate(grey.histogram()) if level < 200)
        assert inked / (image.size[0] * image.size[1]) > 0.005

    # /export says which answers she starred (JSON and the journal).
    await world.say(ann, "/export")
    files = {d.media.filename.rsplit(".", 1)[1]: d.media.data for d in _documents(world, ann)}
    exported = json.loads(files["json"])
    marks = {
        a["text"]: a["starred"]
        for c in exported["checkins"]
        for step in c["steps"]
        for a in step["answers"]
    }
    assert marks[STARRED] is True and marks["Ik belde […] over het plan"] is True
    assert [text for text, starred in marks.items() if not starred] == [
        *UNSTARRED,
        "Een rustige namiddag",
        "Nog een gewone zin",
    ]
    assert files["md"].decode("utf-8").count("⭐ gemarkeerd voor supervisie") == 2

    # /delete leaves no star behind.
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    assert await rows(world.database, "SELECT COUNT(*) FROM stars") == [(0,)]


@pytest.mark.slow
async def test_without_stars_she_is_told_kindly_and_offered_all_and_english_works(
    world: World, tmp_path: Path
):
    bob = world.api.user(1002, "Bob", language_code="en")
    await world.say(bob, "/start")
    for label in ("✓ English", "Done ✓", "✓ 16:30", "✓ Europe/Brussels"):
        await world.tap(bob, label)
    await world.say(bob, "/supervision")
    await world.tap(bob, "Last 3 months")
    offer = world.api.last_message(bob)
    assert "You have not given" in (offer.text or "") and offer.button_labels == ["All answers"]
    await world.tap(bob, "All answers")
    assert _documents(world, bob) == []
    assert "no words or scores" in world.last_text(bob)
    await _day(world, bob, 0)
    await world.say(bob, "/today")
    await answer_checkin(world, bob, "A quiet day at the office", "Lunch together")
    await world.say(bob, "/supervision 2")
    await world.tap(bob, "All answers")
    [document] = _documents(world, bob)
    assert document.media.filename.startswith("sherpa-supervision-")
    assert "own words" in document.caption and "masked" in document.caption
    assert "A quiet day at the office" in _text(document.media.data, tmp_path, "bob.pdf")
