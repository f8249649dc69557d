"""The reflection loop end to end: the real Application polling the Bot API stand-in over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import DUE_MONDAY, MONDAY, World, answer_checkin, onboard


async def test_onboarding_with_defaults_takes_four_taps_and_schedules_1630(world: World):
    ann = world.api.user(1001, "Ann", language_code="nl-BE")
    assert await onboard(world, ann) == 4
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.onboarded and user.language == "nl" and user.days == frozenset(range(5))
    assert user.next_due_at == DUE_MONDAY
    welcome = world.api.calls_to("sendMessage")[0].params["text"]
    assert "Sherpa" in welcome and "kompas" in welcome
    texts = world.texts(ann)  # the setup message was edited in place into a summary
    assert "maandag 2 maart om 16:30" in texts[-2]
    assert "privacy" in texts[-1].lower() and "/delete" in texts[-1]
    # /start again shows the settings instead of starting over.
    await world.say(ann, "/start")
    assert "Je instellingen" in world.last_text(ann)
    menus = {c.params.get("language_code") for c in world.api.calls_to("setMyCommands")}
    assert menus == {None, "nl", "en"}


async def test_english_is_preselected_from_telegram(world: World):
    bob = world.api.user(1002, "Bob", language_code="en-GB")
    await world.say(bob, "/start")
    assert "Which language" in world.last_text(bob)
    assert "✓ English" in world.api.last_message(bob).button_labels


@pytest.mark.slow
async def test_scheduled_checkin_arrives_at_local_time_and_answers_are_stored(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    before = len(world.api.messages(ann))

    world.clock.set(DUE_MONDAY - timedelta(minutes=1))
    assert await world.bot.run_schedule() == 0
    world.clock.set(DUE_MONDAY)
    assert await world.bot.run_schedule() == 1
    intro = world.last_text(ann)
    assert "Richtingsaanwijzer 1 ·" in intro
    assert world.api.last_message(ann).button_labels == ["Overslaan"]

    await answer_checkin(world, ann, "Ik luisterde eerst.", "Ik vroeg wat ze zelf wilde.")
    assert any(t in world.last_text(ann) for t in ("Dank", "Bewaard", "Mooi"))
    assert len(world.api.messages(ann)) == before + 5  # intro+q1, q2, energie, grenzen, thanks

    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, DUE_MONDAY.date())
    assert checkin.completed and checkin.signpost == 1 and checkin.trigger == "scheduled"
    steps = await storage.checkins.steps(checkin.id)
    answers = [[a.text for a in await storage.checkins.answers(s.id)] for s in steps[:2]]
    assert answers == [["Ik luisterde eerst."], ["Ik vroeg wat ze zelf wilde."]]
    assert [s.score for s in steps[2:]] == [4, 3]

    # Nothing more that day; the next one is Tuesday's, with the next signpost.
    assert await world.bot.run_schedule() == 0
    user = await storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=1) and user.next_signpost == 2


async def test_skip_buttons_and_typed_scale(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 1")
    await world.say(ann, "/today")
    await world.tap(ann, "Overslaan")
    await world.say(ann, "2")  # a typed number answers the energie scale
    await world.tap(ann, "Overslaan")
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, MONDAY)
    steps = await storage.checkins.steps(checkin.id)
    assert [(s.kind, s.state, s.score) for s in steps] == [
        ("question", "skipped", None),
        ("energy", "answered", 2),
        ("boundaries", "skipped", None),
    ]
    assert checkin.completed or (await storage.checkins.get(checkin.id)).completed


async def test_a_typed_answer_costs_one_call_and_an_old_skip_button_goes_when_tapped(
    world: World,
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 2")
    await world.say(ann, "/today")
    first = world.api.last_message(ann)
    assert first.button_labels == ["Overslaan"]

    calls = len(world.api.calls)
    await world.say(ann, "Ik luisterde eerst.")
    methods = [c.method for c in world.api.calls[calls:] if c.method != "getUpdates"]
    assert methods == ["sendMessage"]  # the next question; the answered one is not touched

    # Her thumb finds the first question's button after all: told it is done, and it goes.
    [skip] = [b.callback_data for row in first.buttons for b in row]
    world.api.press(ann, first.message_id, skip)
    await world.bot.settle()
    assert world.api.calls_to("answerCallbackQuery")[-1].params["text"] == (
        "Deze knop is niet meer geldig."
    )
    [tapped] = [m for m in world.api.messages(ann) if m.message_id == first.message_id]
    assert not tapped.buttons
    storage = world.bot.services.storage
    checkin = await storage.checkins.for_date(ann.id, MONDAY)
    steps = await storage.checkins.steps(checkin.id)
    assert [(s.kind, s.state) for s in steps[:2]] == [
        ("question", "answered"),
        ("question", "open"),
    ]
    assert world.api.last_message(ann).button_labels == ["Overslaan"]  # the open one keeps its


@pytest.mark.slow
async def test_an_untouched_checkin_brings_the_same_signpost_again(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY)
    await world.bot.run_schedule()  # Monday: signpost 1, left unanswered
    world.clock.set(DUE_MONDAY + timedelta(days=1))
    await world.bot.run_schedule()
    assert "Richtingsaanwijzer 1 ·" in world.last_text(ann)
    await answer_checkin(world, ann, "a", "b")
    world.clock.set(DUE_MONDAY + timedelta(days=2))
    await world.bot.run_schedule()
    assert "Richtingsaanwijzer 2 ·" in world.last_text(ann)


async def test_edited_answer_updates_the_stored_answer(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    update = await world.say(ann, "Eerste versie")
    world.api.edit_text(ann, update["message"]["message_id"], "Tweede versie")
    await world.bot.settle()
    storage = world.bot.services.storage
    step = await storage.checkins.step_by_message(ann.id, world.api.messages(ann)[-2].message_id)
    [answer] = await storage.checkins.answers(step.id)
    assert answer.text == "Tweede versie" and answer.edited
    assert world.api.calls_to("setMessageReaction")


@pytest.mark.slow
async def test_a_late_reply_belongs_to_the_question_it_answers(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    first_question = world.api.last_message(ann).message_id
    await answer_checkin(world, ann, "Kort antwoord", "Nog een")
    world.clock.advance(timedelta(hours=5))
    await world.say(ann, "Wat ik nog wou zeggen", reply_to=first_question)
    assert "eerdere vraag" in world.last_text(ann)
    storage = world.bot.services.storage
    step = await storage.checkins.step_by_message(ann.id, first_question)
    texts = [a.text for a in await storage.checkins.answers(step.id)]
    assert texts == ["Kort antwoord", "Wat ik nog wou zeggen"]


@pytest.mark.slow
async def test_today_counts_as_the_days_checkin(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "a", "b")
    count = len(world.api.messages(ann))
    world.clock.set(DUE_MONDAY)
    assert await world.bot.run_schedule() == 0
    assert len(world.api.messages(ann)) == count
    await world.say(ann, "/today")
    assert "al gereflecteerd" in world.last_text(ann)


async def test_today_resends_the_open_question(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    question = world.last_text(ann).splitlines()[-1]
    await world.say(ann, "/today")
    assert world.last_text(ann) == question


@pytest.mark.slow
async def test_restart_sends_a_missed_checkin_once_within_three_hours(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.bot.stop()  # the bot is down at 16:30
    world.clock.set(DUE_MONDAY + timedelta(hours=2))
    await world.start_again()
    await world.bot.run_schedule()
    await world.bot.run_schedule()
    intros = [t for t in world.texts(ann) if "Richtingsaanwijzer" in t]
    assert len(intros) == 1


@pytest.mark.slow
async def test_restart_skips_a_checkin_older_than_three_hours(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.bot.stop()
    world.clock.set(DUE_MONDAY + timedelta(hours=3, minutes=1))
    await world.start_again()
    await world.bot.run_schedule()
    assert not [t for t in world.texts(ann) if "Richtingsaanwijzer" in t]
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=1)


@pytest.mark.slow
async def test_answers_survive_a_restart(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "Voor de herstart")
    await world.restart()
    await world.say(ann, "Na de herstart")
    storage = world.bot.services.storage
    assert await storage.checkins.count_answers(ann.id) == 2
    assert "Energie" in world.last_text(ann)


async def test_pause_sends_nothing_and_resume_brings_the_schedule_back(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/pause")
    assert "Gepauzeerd" in world.last_text(ann)
    count = len(world.api.messages(ann))
    world.clock.set(DUE_MONDAY + timedelta(days=2))
    assert await world.bot.run_schedule() == 0
    assert len(world.api.messages(ann)) == count
    await world.say(ann, "/resume")
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=3)  # Thursday: Wednesday's moment passed


async def test_dated_pause_ends_by_itself(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/pause 2")  # Monday and Tuesday
    user = await world.bot.services.storage.users.get(ann.id)
    assert user.next_due_at == DUE_MONDAY + timedelta(days=2)  # Wednesday 16:30


@pytest.mark.slow
async def test_the_ten_signposts_come_in_order_and_start_again(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 1")
    seen = []
    for day in range(11):
        world.clock.set(DUE_MONDAY + timedelta(days=day, hours=-5))  # mornings, before 16:30
        await world.say(ann, "/today")
        header = next(t for t in reversed(world.texts(ann)) if "Richtingsaanwijzer" in t)
        seen.append(int(header.split("Richtingsaanwijzer ")[1].split(" ")[0]))
        await world.say(ann, "kort")
        await world.tap(ann, "Overslaan")
        await world.tap(ann, "Overslaan")
    assert seen == [*range(1, 11), 1]


async def test_every_private_command_is_in_the_menu_of_both_languages(world: World):
    from telegram.ext import CommandHandler

    from bot.app import COMMANDS, MENU_NAMES

    registered = {
        command
        for handlers in world.bot.application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    assert registered - {"start"} == set(COMMANDS) | set(MENU_NAMES.values())
    for call in world.api.calls_to("setMyCommands"):
        lang = call.params.get("language_code") or "nl"  # the default menu is the default's
        expected = [MENU_NAMES.get((c, lang), c) for c in COMMANDS]
        assert [c["command"] for c in call.params["commands"]] == expected
