"""Retries never change what was asked: a failed send is sent again as it was, once per part."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from standin import FakeUser
from tests.helpers import DUE_MONDAY, World, answer_checkin, onboard

FRIDAY_1700 = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # 17:00 in Brussels


def checkin_messages(world: World, user: FakeUser) -> list[str]:
    return [t for t in world.texts(user) if "Richtingsaanwijzer" in t]


async def exported_answers(world: World, user: FakeUser) -> dict[str, list[str]]:
    """/export as the user gets it: each question asked, with the answers stored under it."""
    await world.say(user, "/export")
    [document] = [
        m
        for m in world.api.messages(user)
        if m.kind == "document" and m.media.filename.endswith(".json")
    ]
    data = json.loads(document.media.data.decode("utf-8-sig"))
    return {
        s["question"]: [a["text"] for a in s["answers"]]
        for c in data["checkins"]
        for s in c["steps"]
        if s["answers"]
    }


async def assert_answer_follows_the_question_seen(world: World, ann: FakeUser) -> None:
    [seen] = checkin_messages(world, ann)  # one check-in message, not two
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, DUE_MONDAY.date())
    steps = await storage.checkins.steps(checkin.id)
    assert steps[0].question_text in seen  # the first question, with the intro
    assert [s.state for s in steps[:2]] == ["open", "pending"]
    await world.say(ann, "Ik bleef rustig bij haar.")
    exported = await exported_answers(world, ann)
    [(question, answers)] = exported.items()
    assert question in seen and answers == ["Ik bleef rustig bij haar."]


@pytest.mark.slow
async def test_a_checkin_whose_first_send_failed_is_sent_again_as_it_was(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    world.api.fail_next("sendMessage", 502, "Bad Gateway")  # the worker's quick retry sends it
    assert await world.bot.run_schedule() == 1
    await assert_answer_follows_the_question_seen(world, ann)


@pytest.mark.slow
async def test_today_after_a_timed_out_send_asks_the_open_question_again(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    world.api.time_out_next("sendMessage", after=8.0, delivered=False)  # nothing arrives
    await world.bot.run_schedule()
    assert checkin_messages(world, ann) == []
    await world.say(ann, "/today")
    await assert_answer_follows_the_question_seen(world, ann)


async def test_a_failed_next_question_is_asked_by_today_and_takes_the_answer(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    world.api.fail_next("sendMessage", 502, "Bad Gateway")  # the second question is lost
    await world.say(ann, "Eerste antwoord")
    await world.say(ann, "/today")  # asks the open one
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, DUE_MONDAY.date())
    steps = await storage.checkins.steps(checkin.id)
    assert steps[1].question_text in world.last_text(ann)
    await answer_checkin(world, ann, "Tweede antwoord")
    exported = await exported_answers(world, ann)
    assert exported == {
        steps[0].question_text: ["Eerste antwoord"],
        steps[1].question_text: ["Tweede antwoord"],
    }


@pytest.mark.slow
async def test_words_typed_after_a_lost_question_stay_with_the_one_seen(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    world.api.fail_next("sendMessage", 502, "Bad Gateway")  # the second question is lost
    await world.say(ann, "Eerste antwoord")
    assert "wel bewaard" in world.last_text(ann)  # the apology tells the truth
    await world.say(ann, "Eerste antwoord")  # typed again anyway, not trusting the phone
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, DUE_MONDAY.date())
    steps = await storage.checkins.steps(checkin.id)
    assert steps[1].question_text in world.last_text(ann)  # now asked, after all
    await answer_checkin(world, ann, "Tweede antwoord")
    exported = await exported_answers(world, ann)
    assert exported == {
        steps[0].question_text: ["Eerste antwoord", "Eerste antwoord"],
        steps[1].question_text: ["Tweede antwoord"],
    }


@pytest.mark.slow
async def test_a_verrekijker_resumes_after_the_picture_instead_of_sending_it_again(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/days ma")  # no check-in on Friday to share the faults with
    world.clock.set(FRIDAY_1700)
    world.api.fail_next("sendMessage", 502, "Bad Gateway", count=4)  # every quick retry
    await world.bot.run_schedule()
    [item] = await world.bot.services.storage.outbox.items("verrekijker")
    assert item.state == "pending"  # back in the queue for later
    world.clock.advance(timedelta(minutes=5))
    await world.bot.run_schedule()
    photos = [m for m in world.api.messages(ann) if m.kind == "photo"]
    assert len(photos) == 1  # once, not once per attempt
    texts = [c for c in world.api.calls_to("sendMessage") if c.error is None]
    assert len([c for c in texts if "Deze week" in str(c.params.get("reply_markup"))]) == 1
    [item] = await world.bot.services.storage.outbox.items("verrekijker")
    assert item.state == "sent"
