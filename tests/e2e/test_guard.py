"""The privacy guard's question and the apology after a failure, through the real Application.

The stand-in refuses a message over 4,096 characters as Telegram does, so a guard question
that would not fit shows up here as a missing question.
"""

from __future__ import annotations

import sqlite3

import pytest

from bot.privacy_guard import mask, scan
from standin import FakeUser
from storage.database import Database
from tests.helpers import World, onboard

PROSE = "Vandaag was een lange dag met veel gesprekken en weinig tijd om op adem te komen. "
# 4,096 characters, 16 KB in UTF-8: more than the few pages a full database may free up.
HEAVY = "🏔️" * 2048


async def _stored(world: World, user: FakeUser) -> list[str]:
    days = await world.bot.services.storage.history.history(user.id)
    return [a for d in days for q in d.questions for a in q.answers]


def _longest(*details: str) -> str:
    """A 4,096-character answer (Telegram's maximum) of prose around the details."""
    text = "".join(f"{PROSE}{detail} " for detail in details)
    while len(text) < 4096:
        text += PROSE
    return text[:4096]


async def fill_the_disk(db: Database) -> None:
    """Make the real SQLite file full, as a full disk would: no page may be added, and the
    free space left in the pages there are is taken by ballast."""
    await db.write("CREATE TABLE IF NOT EXISTS ballast (b BLOB)")
    (pages,) = await db.fetch_one("PRAGMA page_count")
    await db.write(f"PRAGMA max_page_count = {pages}")
    for size in (4000, 1000, 200, 20):
        try:
            while True:
                await db.write("INSERT INTO ballast VALUES (randomblob(?))", (size,))
        except sqlite3.OperationalError as error:
            assert "full" in str(error)


async def make_room(db: Database) -> None:
    await db.write("PRAGMA max_page_count = 1073741823")


@pytest.mark.parametrize(
    "answer",
    [
        _longest("Mevrouw Peeters belde.", *[PROSE] * 15, "Haar nummer: 0470 12 34 56."),
        _longest(*["Bel 0470 12 34 56."] * 10),
        # As many details as fit: every one masked, the question still one message.
        ("Ik belde mevrouw Peeters op 0470 12 34 56 en mailde an@x.be. " * 70)[:4096],
        ("Mr Ab " * 700)[:4096],
    ],
    ids=["two details far apart", "many details in prose", "details only", "names only"],
)
async def test_the_longest_flagged_answer_still_gets_its_question_and_is_stored(
    world: World, answer: str
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, answer)
    question = world.api.last_message(ann)
    assert question is not None and "Bewaar zo, afgeschermd" in question.button_labels
    assert len(question.text or "") <= 4096
    assert "0470" not in question.text and "Peeters" not in question.text
    assert await _stored(world, ann) == []
    await world.tap(ann, "Bewaar zo, afgeschermd")
    # The whole answer is stored, masked, not just the excerpt the question showed.
    assert await _stored(world, ann) == [mask(answer, scan(answer))]


async def test_a_long_answer_shows_an_excerpt_around_each_detail(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, _longest("Mevrouw Peeters belde.", *[PROSE] * 15, "Bel 0470 12 34 56."))
    question = world.last_text(ann)
    assert "alleen de stukjes rond elk detail" in question
    assert "[…] belde." in question and "Bel […]." in question
    assert len(question) < 2000  # an excerpt, not the whole answer


@pytest.mark.slow
@pytest.mark.sqlite_only  # fills the real file with SQLite's max_page_count
async def test_the_apology_says_so_when_a_full_disk_kept_an_answer_from_being_stored(
    world: World,
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    db = world.bot.services.storage._db  # the bot's own connection: the limit is per connection
    await fill_the_disk(db)
    await world.say(ann, HEAVY)
    apology = world.last_text(ann)
    assert "niet bewaard" in apology and "vol" in apology and "veilig" not in apology
    assert await _stored(world, ann) == []
    await make_room(db)
    await world.say(ann, HEAVY)
    assert await _stored(world, ann) == [HEAVY]


async def test_a_tap_on_the_guard_question_then_a_failure_says_the_answer_is_stored(
    world: World, monkeypatch
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "Ik belde mevrouw Peeters")

    async def broken(*args, **kwargs):
        raise RuntimeError("the next step could not be prepared")

    monkeypatch.setattr("bot.checkin.dialog.steps.advance", broken)
    await world.tap(ann, "Bewaar zo, afgeschermd")
    assert "wel bewaard" in world.last_text(ann)
    assert await _stored(world, ann) == ["Ik belde […]"]


async def test_the_apology_says_an_answer_was_stored_when_only_what_followed_failed(
    world: World, monkeypatch
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")

    async def broken(*args, **kwargs):
        raise RuntimeError("the next step could not be prepared")

    monkeypatch.setattr("bot.checkin.dialog.steps.advance", broken)
    await world.say(ann, "Een rustige dag")
    apology = world.last_text(ann)
    assert "wel bewaard" in apology and "/today" in apology
    assert await _stored(world, ann) == ["Een rustige dag"]


async def test_the_apology_says_not_stored_when_the_guard_question_could_not_be_sent(
    world: World,
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    world.api.fail_next("sendMessage", 400, "Bad Request: can't parse entities")
    await world.say(ann, "Ik belde mevrouw Peeters")
    apology = world.last_text(ann)
    assert "niet bewaard" in apology and "nog eens" in apology and "veilig" not in apology
    await world.say(ann, "Ik belde mevrouw Peeters")
    await world.tap(ann, "Bewaar zo, afgeschermd")
    assert await _stored(world, ann) == ["Ik belde […]"]


async def test_a_failed_edit_keeps_the_earlier_version_and_says_so(world: World, monkeypatch):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    sent = await world.say(ann, "Eerste versie")

    async def broken(*args, **kwargs):
        raise RuntimeError("the edit could not be stored")

    monkeypatch.setattr("storage.checkins.CheckinRepository.edit_answer", broken)
    world.api.edit_text(ann, sent["message"]["message_id"], "Tweede versie")
    await world.bot.settle()
    apology = world.last_text(ann)
    assert "aanpassing is niet bewaard" in apology and "vorige versie" in apology
    assert await _stored(world, ann) == ["Eerste versie"]
