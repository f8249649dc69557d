"""The reflective cycle end to end: the weekly talk after the verrekijker, the intention that
comes back the week after, the look-back two weeks on, over simulated weeks on a manual clock."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from bot.privacy_guard import mask, scan
from storage.cycle import INTENTION, LOOK_BACK, REVIEW, ZOOM_OUT
from tests.helpers import DUE_MONDAY, World, answer_checkin, onboard

FRIDAY_1700 = DUE_MONDAY + timedelta(days=4, minutes=30)  # 17:00 in Brussels
INTENTION_TEXT = "Op dinsdag een half uur zonder telefoon voor het dossierwerk."


async def day_checkin(world: World, user, day: int, *answers: str) -> None:
    """The scheduled check-in of day `day` after the first Monday, answered."""
    world.clock.set(DUE_MONDAY + timedelta(days=day))
    await world.bot.run_schedule()
    await answer_checkin(world, user, *answers)


async def skip_the_weekly_talk(world: World, user, week: int) -> None:
    """The verrekijker of that week at Friday 17:00, and both questions of its talk skipped."""
    world.clock.set(FRIDAY_1700 + timedelta(weeks=week))
    await world.bot.run_schedule()
    for _ in range(2):
        skip = next(b for b in world.api.last_message(user).button_labels if "Overslaan" in b)
        await world.tap(user, skip)


async def questions_asked(world: World, user_id: int, local_date: date) -> list[str | None]:
    checkin = await world.bot.services.storage.checkins.for_date(user_id, local_date)
    assert checkin is not None
    return [s.question_id for s in await world.bot.services.storage.checkins.steps(checkin.id)]


@pytest.mark.slow
async def test_the_weekly_talk_asks_her_intention_and_it_comes_back_once_the_week_after(
    world: World,
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await day_checkin(world, ann, 0, "Ik luisterde eerst naar de vraag.", "Ik stopte op tijd.")
    await day_checkin(world, ann, 4, "Een rustige vrijdag met veel overleg.", "Grenzen bewaakt.")
    world.clock.set(FRIDAY_1700)
    await world.bot.run_schedule()
    # After the verrekijker: what strikes her, skippable, then her intention.
    talk = world.api.last_message(ann)
    assert "Wat valt je op" in (talk.text or "") and "Overslaan" in " ".join(talk.button_labels)
    await world.say(ann, "Ik zag dat ik vaker eerst luisterde.")
    assert "volgende week anders" in world.last_text(ann)
    await world.say(ann, INTENTION_TEXT)
    closing = world.last_text(ann)
    assert "Genoteerd" in closing and "Dank" not in closing and "!" not in closing
    # Stored as her answers, linked to the week's talk; the day's check-in left alone.
    talk_checkin = await world.bot.services.storage.checkins.for_date(
        ann.id, FRIDAY_1700.date(), "weekly"
    )
    assert talk_checkin is not None and talk_checkin.kind == "weekly"
    talk_steps = await world.bot.services.storage.checkins.steps(talk_checkin.id)
    assert [(s.question_id, s.state) for s in talk_steps] == [
        (ZOOM_OUT, "answered"),
        (INTENTION, "answered"),
    ]
    daily = await questions_asked(world, ann.id, FRIDAY_1700.date())
    assert ZOOM_OUT not in daily and INTENTION not in daily
    # The next Monday's check-in asks how it went, after the signpost's questions, once.
    world.clock.set(DUE_MONDAY + timedelta(days=7))
    await world.bot.run_schedule()
    await world.say(ann, "Ik vroeg door.")
    await world.say(ann, "Ik gaf minder advies.")
    review = world.last_text(ann)
    assert f"Vorige week nam je je voor: “{INTENTION_TEXT[:-1]}”. Hoe ging dat?" in review
    await world.say(ann, "Twee keer gelukt, één keer niet.")
    await world.tap(ann, "4")
    await world.tap(ann, "3")
    monday = (DUE_MONDAY + timedelta(days=7)).date()
    [intention] = await world.bot.services.storage.cycle.intentions(ann.id)
    asked = await questions_asked(world, ann.id, monday)
    assert asked[-3] == f"{REVIEW}{intention.answer_id}" and asked[-2:] == [None, None]
    assert intention.text == INTENTION_TEXT
    assert intention.outcome == "Twee keer gelukt, één keer niet."
    await day_checkin(world, ann, 8, "Dinsdag.", "Nog eens dinsdag.")
    assert not any(q and q.startswith(REVIEW) for q in await questions_asked(
        world, ann.id, monday + timedelta(days=1)
    ))
    # The next verrekijker shows the pair.
    world.clock.set(FRIDAY_1700 + timedelta(weeks=1))
    await world.bot.run_schedule()
    week_text = "\n".join(world.texts(ann)[-4:])
    assert f"Vorige week nam je je voor: “{INTENTION_TEXT[:-1]}”" in week_text
    assert "Zo ging het: “Twee keer gelukt, één keer niet”" in week_text
    # /export holds the talk and the intention; /delete erases them.
    await world.say(ann, "/export")
    exported = [m for m in world.api.messages(ann) if m.kind == "document"]
    document = next(m for m in exported if m.media.filename.endswith(".json"))
    data = json.loads(document.media.data)
    assert INTENTION_TEXT in json.dumps(data, ensure_ascii=False)
    await world.say(ann, "/delete")
    await world.tap(ann, 0)
    assert await world.bot.services.storage.cycle.intentions(ann.id) == []


@pytest.mark.slow
async def test_a_look_back_brings_an_answer_of_two_weeks_ago_and_never_a_masked_original(
    world: World,
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    private = "Ik belde mevrouw Peeters op 0470 12 34 56 over haar plan."
    world.clock.set(DUE_MONDAY)
    await world.bot.run_schedule()
    await world.say(ann, private)
    await world.tap(ann, "Bewaar zo, afgeschermd")
    await world.say(ann, "Ik gaf haar de tijd om zelf te kiezen.")
    await world.tap(ann, "4")
    await world.tap(ann, "3")
    # A week on: too soon for a look-back.
    await skip_the_weekly_talk(world, ann, 0)
    await day_checkin(world, ann, 7, "Een week later.", "Nog steeds.")
    assert not any(q and q.startswith(LOOK_BACK) for q in await questions_asked(
        world, ann.id, (DUE_MONDAY + timedelta(days=7)).date()
    ))
    # Two weeks on: one of her answers of then comes back, masked as she stored it.
    await skip_the_weekly_talk(world, ann, 1)
    world.clock.set(DUE_MONDAY + timedelta(days=14))
    await world.bot.run_schedule()
    await world.say(ann, "Antwoord een.")
    await world.say(ann, "Antwoord twee.")
    look_back = world.last_text(ann)
    assert "schreef je" in look_back and "Hoe kijk je daar nu naar?" in look_back
    assert "0470" not in look_back and "Peeters" not in look_back
    assert (mask(private, scan(private)) in look_back) or ("zelf te kiezen" in look_back)
    await world.say(ann, "Nu zou ik eerder doorvragen.")
    await world.tap(ann, "4")
    await world.tap(ann, "3")
    # Not again two days later; and it can be turned off with one tap.
    await day_checkin(world, ann, 16, "Woensdag.", "Nog woensdag.")
    asked = await questions_asked(world, ann.id, (DUE_MONDAY + timedelta(days=16)).date())
    assert not any(q and q.startswith(LOOK_BACK) for q in asked)
    await world.say(ann, "/settings")
    await world.tap(ann, "Verrekijker")
    await world.tap(ann, "Terugblik om de twee weken: aan (tik om uit te zetten)")
    assert not (await world.bot.services.storage.users.get(ann.id)).look_backs


@pytest.mark.slow
async def test_no_look_back_to_a_check_in_with_heavy_words(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    await world.bot.run_schedule()
    await world.say(ann, "Soms denk ik dat het beter is als ik er niet meer ben.")
    await world.tap(ann, "Hier stoppen")
    await skip_the_weekly_talk(world, ann, 0)
    await skip_the_weekly_talk(world, ann, 1)
    await day_checkin(world, ann, 14, "Een gewone dag.", "Niets bijzonders.")
    asked = await questions_asked(world, ann.id, (DUE_MONDAY + timedelta(days=14)).date())
    assert not any(q and q.startswith(LOOK_BACK) for q in asked)


@pytest.mark.slow
async def test_five_weeks_of_the_whole_cycle_end_in_a_supervision_pdf(world: World, tmp_path):
    """Five simulated weeks: check-ins, a masked answer, the weekly talk, the intention and its
    return, a look-back; then /supervisie's PDF holds her words and intentions, never the
    masked original."""
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    private = "Ik belde mevrouw Peeters op 0470 12 34 56 over haar plan."
    intentions = [f"Week {w}: een half uur zonder telefoon voor het dossierwerk" for w in range(5)]
    for week in range(5):
        monday = 7 * week
        world.clock.set(DUE_MONDAY + timedelta(days=monday))
        await world.bot.run_schedule()
        if week == 0:  # the guard holds it; she keeps it masked
            await world.say(ann, private)
            await world.tap(ann, "Bewaar zo, afgeschermd")
            await world.say(ann, "Ik gaf haar de tijd om zelf te kiezen.")
        else:
            await world.say(ann, f"Maandag van week {week}: ik vroeg eerst door.")
            await world.say(ann, f"Maandag van week {week}: ik liet stiltes vallen.")
        while "Overslaan" in world.api.last_message(ann).button_labels and "4" not in (
            world.api.last_message(ann).button_labels
        ):  # the cycle's question of the day: how the intention went, or a look-back
            await world.say(ann, f"Terugblik in week {week}: het ging beter dan gedacht.")
        await world.tap(ann, "4")
        await world.tap(ann, "3")
        world.clock.set(FRIDAY_1700 + timedelta(weeks=week))
        await world.bot.run_schedule()
        await world.say(ann, f"Wat me opvalt in week {week}: ik luister beter als ik rust.")
        await world.say(ann, intentions[week] + ".")
    storage = world.bot.services.storage
    pairs = await storage.cycle.intentions(ann.id)
    assert [p.text for p in pairs] == [i + "." for i in intentions]
    # Each intention but the last came back once, the week after, and got its answer.
    assert [p.outcome is not None for p in pairs] == [True] * 4 + [False]
    all_steps = [
        s.question_id
        for c in await storage.history.export(ann.id)
        for s in c.steps
        if s.question_id and s.question_id.startswith(LOOK_BACK)
    ]
    assert all_steps  # a look-back came, two weeks on
    # /supervisie over the last 8 weeks: her words, her intentions, never the masked original.
    await world.say(ann, "/supervisie 8")
    if "Alle antwoorden" in world.api.last_message(ann).button_labels:
        await world.tap(ann, "Alle antwoorden")
    [pdf] = [m for m in world.api.messages(ann) if m.kind == "document"]
    path = tmp_path / "supervisie.pdf"
    path.write_bytes(pdf.media.data)
    tool = shutil.which("pdftotext")
    assert tool is not None, "apt-get install poppler-utils"
    text = " ".join(
        subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        .stdout.decode("utf-8")
        .split()
    )
    assert "ik liet stiltes vallen" in text and "zonder telefoon voor het dossierwerk" in text
    assert "het ging beter dan gedacht" in text
    assert "Peeters" not in text and "0470" not in text
