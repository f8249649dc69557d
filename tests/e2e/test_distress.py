"""Heavy words, end to end through the stand-in: the lines come at once, in the user's country
and language, before any next question; the check-in waits for "stop here" or "go on"; nothing
celebrates after it; the verrekijker opens with care and quotes none of it; a team sees nothing;
nothing of it reaches a log; /export shows the mark and /delete erases it."""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path

import pytest

from bot.care.distress import read_distress
from bot.logging_setup import configure_logging
from tests.helpers import World, onboard

LOCALES = Path(__file__).resolve().parents[2] / "bot" / "locales"
CARE = {
    lang: tomllib.loads((LOCALES / f"care.{lang}.toml").read_text("utf-8")) for lang in ("nl", "en")
}
THANKS = tomllib.loads((LOCALES / "nl.toml").read_text("utf-8"))["checkin"]["thanks"]
HEAVY_NL = "Ik kan niet meer, soms denk ik dat het beter is als ik er niet meer ben."
HEAVY_EN = "Honestly, I don't want to live anymore."
ORDINARY_NL = "Ik kan niet meer, wat een week. Doodmoe van al dat papierwerk."
CLIENT_NL = "Een cliënt vertelde me vandaag dat hij niet meer wil leven."
COVER_TAKEN_BACK = (
    "Mijn teamleider vroeg naar de pleister op mijn arm. Ik zei de hond. Het was niet de hond."
)
PLACE_FOUND = "Found a quiet spot at the reservoir. Went back today to be sure."


async def start_checkin(world: World, user, *settings: str) -> None:
    await onboard(world, user)
    for setting in ("/questions 2", *settings):
        await world.say(user, setting)
    await world.say(user, "/today")


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?") and "Sherpa" not in text


@pytest.mark.parametrize(
    ("settings", "text", "shown", "hidden"),
    [
        # Flemish, in Belgium: the Dutch lines first, the French and English ones named.
        (
            (),
            HEAVY_NL,
            ["Zelfmoordlijn 1813", "bel 106", "0800 32 123 (gratis), in het Frans", "bel 112"],
            ["0800-0113", "Samaritans"],
        ),
        # In Belgium, in English: CHS first, the Dutch and French lines with their language.
        (
            ("/lang en",),
            HEAVY_EN,
            ["Community Help Service", "1813", "in Dutch", "Télé-Accueil", "in French", "112"],
            ["0800-0113", "Samaritans"],
        ),
        # The Netherlands.
        (
            ("/tz Europe/Amsterdam",),
            HEAVY_NL,
            ["113 Zelfmoordpreventie", "0800-0113", "De Luisterlijn", "112"],
            ["1813", "Samaritans"],
        ),
        # The United Kingdom, in English.
        (("/lang en", "/tz Europe/London"), HEAVY_EN, ["Samaritans", "116 123", "999"], ["1813"]),
        # Anywhere else: the emergency number and where to find a local line.
        (("/lang en", "/tz Asia/Tokyo"), HEAVY_EN, ["findahelpline.com", "112"], ["1813"]),
        # Round 11: a wound's cover story taken back; a place the writer found (read as a
        # client's before, and the cover story as nothing).
        ((), COVER_TAKEN_BACK, ["Zelfmoordlijn 1813", "bel 112"], ["Samaritans"]),
        (("/lang en", "/tz Europe/London"), PLACE_FOUND, ["Samaritans", "999"], ["1813"]),
    ],
)
async def test_heavy_words_bring_the_lines_before_any_next_question(
    world: World, settings: tuple[str, ...], text: str, shown: list[str], hidden: list[str]
):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann, *settings)
    before = len(world.texts(ann))
    await world.say(ann, text)
    after = world.texts(ann)[before:]
    assert len(after) == 1, after  # the lines, and no next question
    message = after[0]
    for line in shown:
        assert line in message, line
    for line in hidden:
        assert line not in message, line
    assert text not in message  # said without quoting it back
    assert world.api.last_message(ann).button_labels in (
        ["Hier stoppen", "Verder met de check-in"],
        ["Stop here", "Go on with the check-in"],
    )
    stored = await world.bot.services.storage.checkins.count_answers(ann.id)
    assert stored == 1  # it is their reflection: stored as written


async def test_go_on_asks_the_next_question_and_nothing_celebrates_after(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    before = len(world.texts(ann))
    await world.say(ann, "Ik wil nog iets kwijt.")  # more words while it waits: kept, no question
    assert world.texts(ann)[before:] == [CARE["nl"]["crisis"]["held"]]
    await world.tap(ann, "Verder met de check-in")
    assert is_question(world.last_text(ann))
    await world.say(ann, "Een collega die even luisterde.")
    await world.tap(ann, "1")
    await world.tap(ann, "1")
    closing = world.last_text(ann)
    assert closing == CARE["nl"]["closing"]["after_distress"]
    assert closing not in THANKS and "Dank je" not in closing and "Mooi" not in closing
    assert await world.bot.services.storage.checkins.count_answers(ann.id) == 3


async def test_stop_here_ends_the_checkin_quietly(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    lines = world.api.last_message(ann)
    go_on = lines.buttons[-1][0].callback_data
    await world.tap(ann, "Hier stoppen")
    assert world.last_text(ann) == CARE["nl"]["crisis"]["stopped"]
    assert not world.api.last_message(ann).buttons and not lines.buttons
    storage = world.bot.services.storage
    assert await storage.checkins.open_step(ann.id) is None
    [checkin] = await storage.history.export(ann.id)
    assert checkin.completed_at is not None and checkin.care_mark == "self"
    assert [s.state for s in checkin.steps][1:] == ["skipped"] * (len(checkin.steps) - 1)
    # A second tap on the old buttons (a stale client) changes nothing.
    world.api.press(ann, lines.message_id, go_on)
    await world.bot.settle()
    assert world.last_text(ann) == CARE["nl"]["crisis"]["stopped"]


async def test_a_restart_while_it_waits_asks_nothing_by_itself(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    count = len(world.texts(ann))
    await world.restart()
    await world.say(ann, "/help")
    assert not any(is_question(t) for t in world.texts(ann)[count:])
    await world.tap(ann, "Verder met de check-in")
    assert is_question(world.last_text(ann))


@pytest.mark.parametrize(
    "text",
    [
        ORDINARY_NL,
        # a rule reads self-harm; the model is sure it is a past told as over (SURE_DENIAL)
        "Zes jaar vrij van zelfbeschadiging vandaag, en ik ben er trots op.",
        # an accident told, and "it wasn't" of something else than a cover (round 11's review)
        "I burnt my arm on the oven at work. I told my manager. It wasn't serious.",
    ],
)
async def test_an_ordinary_heavy_day_or_a_denial_gets_the_next_question(world: World, text: str):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    before = len(world.texts(ann))
    await world.say(ann, text)
    after = world.texts(ann)[before:]
    assert len(after) == 1 and is_question(after[0])
    assert "1813" not in after[0]


# A plan told across short sentences, none of which says enough alone: the text is read whole.
PLAN_ACROSS = {
    "nl": "Vrijdag. Na mijn laatste dienst. Ik heb het besloten.",
    # round 11's model reads "I've made my choice." alone as a plan: a plainer last sentence
    "en": "The kids are at their dad's on Sunday. The house will be quiet. That's when.",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_plan_told_across_sentences_brings_the_lines(world: World, lang: str):
    text = PLAN_ACROSS[lang]
    assert all(read_distress(part).concern is None for part in text.split(". "))
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann, *(("/lang en",) if lang == "en" else ()))
    before = len(world.texts(ann))
    await world.say(ann, text)
    (lines,) = world.texts(ann)[before:]  # the lines, and no next question
    assert ("Zelfmoordlijn 1813" if lang == "nl" else "Community Help Service") in lines
    assert not is_question(lines)


async def test_a_clients_crisis_only_the_model_reads_gets_the_word_of_care(world: World):
    # no rule reads it; the model is sure it is a client's crisis (SURE_CLIENT)
    text = "Mijn cliënt had verse sneeën op haar armen. Ze wou er niet over praten."
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    before = len(world.texts(ann))
    await world.say(ann, text)
    care, question = world.texts(ann)[before:]
    assert "debriefing" in care and "intervisie" in care
    assert is_question(question)


@pytest.mark.parametrize(
    "text",
    # and what is found at a room check is a client's (round 11)
    [CLIENT_NL, "During the room check I found razor blades under the mattress."],
)
async def test_a_clients_crisis_gets_a_word_of_care_then_the_next_question(world: World, text: str):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    before = len(world.texts(ann))
    await world.say(ann, text)
    care, question = world.texts(ann)[before:]
    assert "debriefing" in care and "intervisie" in care and "Zelfmoordlijn 1813" in care
    assert "zorgen maken om iemand" in care
    assert is_question(question)


async def test_the_guard_still_asks_after_the_lines(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    before = len(world.texts(ann))
    await world.say(ann, HEAVY_NL + " Bel me op 0470 12 34 56.")
    lines, guard = world.texts(ann)[before:]
    assert "1813" in lines and "telefoonnummer" in guard
    await world.tap(ann, 1)  # keep it as written
    assert not is_question(world.last_text(ann))
    assert await world.bot.services.storage.checkins.count_answers(ann.id) == 1


async def test_an_edit_and_free_text_are_read_too(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    sent = await world.say(ann, "Een gewone dag.")
    world.api.edit_text(ann, sent["message"]["message_id"], HEAVY_NL)
    await world.bot.settle()
    assert any("1813" in t for t in world.texts(ann)[-2:])
    await world.say(ann, "Nog een antwoord.")
    await world.tap(ann, "4")  # the scales close the check-in
    await world.tap(ann, "4")
    before = len(world.texts(ann))
    await world.say(ann, HEAVY_NL)  # nothing open: still answered
    assert "1813" in world.texts(ann)[before]


async def test_the_verrekijker_after_a_crisis_week_shows_care_and_quotes_none_of_it(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    await world.tap(ann, "Verder met de check-in")
    await world.say(ann, "Samen koffie gedronken met een bewoner.")
    await world.tap(ann, "3")
    await world.tap(ann, "4")
    await world.say(ann, "/verrekijker")
    week = "\n".join(world.texts(ann)[-4:])
    assert "Touwen en ladders" in week and "1813" in week and "heel zwaar" in week
    assert "beter is als ik er niet meer ben" not in week
    assert "Samen koffie" in week
    assert "Fijn dat" not in week


async def test_a_team_sees_nothing_of_it(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    await onboard(world, bob)
    await start_checkin(world, ann)
    await world.say(ann, "/team create Noord")
    bob_before = len(world.texts(bob))
    await world.say(ann, "/today")
    await world.say(ann, HEAVY_NL)
    assert len(world.texts(bob)) == bob_before
    await world.say(ann, "/team")
    team = world.last_text(ann)
    for word in ("1813", "zwaar", "steun", "Touwen"):
        assert word not in team


@pytest.mark.usefixtures("restore_logging")
async def test_nothing_of_it_reaches_a_log(world: World, caplog: pytest.LogCaptureFixture):
    configure_logging("DEBUG", secrets=[world.api.token])
    logging.getLogger().addHandler(caplog.handler)  # configure_logging replaced the handlers
    caplog.set_level(logging.DEBUG)
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    await world.tap(ann, "Hier stoppen")
    world.api.fail_next("sendMessage", 500, "Internal Server Error")
    await world.say(ann, HEAVY_NL)  # free text now: the lines fail to go, an apology follows
    await world.restart()
    logged = caplog.text.lower()
    assert logged  # DEBUG logging really ran
    for word in ("niet meer ben", "distress", "crisis", "paused", "1813"):
        assert word not in logged
    assert "opnieuw" in world.last_text(ann) or "nog eens" in world.last_text(ann)


async def test_export_shows_the_mark_and_delete_erases_it(world: World):
    ann = world.api.user(1001, "Ann")
    await start_checkin(world, ann)
    await world.say(ann, HEAVY_NL)
    await world.say(ann, "/export")
    documents = [m for m in world.api.messages(ann) if m.kind == "document"]
    [data] = [d.media.data for d in documents if d.media.filename.endswith(".json")]
    doc = json.loads(data.decode("utf-8-sig"))
    assert doc["checkins"][0]["care_mark"] == "paused"
    assert doc["user"]["support_lines_shown_on"] is not None
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    storage = world.bot.services.storage
    assert await storage.care.last_offered(ann.id) is None
    assert await storage.history.export(ann.id) == []
