"""Pure domain logic without Telegram: rotation, callback payloads, catalogs, schedule rules."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.account.changes import (
    DaysDone,
    OpenScreen,
    PauseFor,
    Resume,
    SetLanguage,
    SetNudges,
    SetQuestions,
    SetRetention,
    SetTime,
    SetTimezone,
    SetWeekDay,
    SetWeekTime,
    StaleSetting,
    ToggleDay,
    decode_setting,
    encode_setting,
)
from bot.account.moments import next_due
from bot.app import BUTTONS
from bot.checkin.callbacks import ScaleAnswer, SkipStep
from bot.checkin.rotation import fresh_picks, plan_checkin
from bot.core.callbacks import MAX_BYTES, Buttons, ButtonSet
from bot.core.texts import Catalog
from bot.verrekijker.callbacks import VerrekijkerView
from prompts import load_content
from storage import RotationHistory, User


def _user(**changes) -> User:
    base = dict(
        user_id=1,
        chat_id=1,
        language="nl",
        timezone="Europe/Brussels",
        checkin_time=time(16, 30),
        days=frozenset(range(5)),
        questions_per_checkin=2,
        onboarding_step=None,
        paused=False,
        paused_until=None,
        next_signpost=1,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    base.update(changes)
    return User(**base)


# --- rotation ---------------------------------------------------------------------------


@given(
    total=st.integers(1, 8),
    count=st.integers(1, 3),
    rounds=st.integers(1, 30),
    seed=st.integers(0, 1000),
)
def test_no_repeat_until_every_variant_was_used(total, count, rounds, seed):
    count = min(count, total)
    rng, history = Random(seed), []
    for _ in range(rounds):
        picks = fresh_picks(range(total), history, count, rng)
        assert len(set(picks)) == count
        history.append(picks)
    flat = [i for batch in history for i in batch]
    # Within every complete cycle of `total` picks, each variant appears exactly once.
    for start in range(0, len(flat) - total + 1, total):
        assert sorted(flat[start : start + total]) == list(range(total))


def test_fresh_picks_ignores_ids_of_retired_content():
    assert fresh_picks(["s1.q-a", "s1.q-b"], [["s1.q-gone"], ["s1.q-a"]], 1, Random(1)) == [
        "s1.q-b"
    ]


def test_plan_uses_the_signpost_and_ends_with_both_scales():
    signpost = load_content().signpost("nl", 4)
    plan = plan_checkin(signpost, RotationHistory([], []), 3, Random(2))
    assert plan.signpost == 4
    kinds = [s.kind for s in plan.steps]
    assert kinds == ["question", "question", "question", "energy", "boundaries"]
    for step in plan.steps[:3]:
        assert step.question_text == signpost.question(step.question_id)


# --- callback payloads ------------------------------------------------------------------

encode, decode = BUTTONS.encode, BUTTONS.decode


@pytest.mark.parametrize(
    "payload",
    [
        ScaleAnswer(123456789012, 5),
        SkipStep(1),
        VerrekijkerView("weeks", date(2026, 3, 2)),
    ],
)
def test_payloads_round_trip_within_64_bytes(payload):
    data = encode(payload)
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == payload


@pytest.mark.parametrize(
    "command",
    [
        SetLanguage("en"),
        ToggleDay(6),
        DaysDone(),
        SetTime(time(8, 0)),
        SetTimezone("Europe/Brussels"),
        SetTimezone("America/Argentina/Buenos_Aires"),
        SetQuestions(3),
        PauseFor(None),
        PauseFor(14),
        Resume(),
        SetWeekDay(4),
        SetWeekTime(time(17, 0)),
        SetNudges(False),
        SetRetention(None),
        SetRetention(12),
        OpenScreen("keep"),
    ],
)
def test_settings_commands_round_trip_as_typed_commands(command):
    data = encode_setting(command)  # the account feature's own buttons (bot/account/changes)
    assert len(data.encode()) <= MAX_BYTES
    assert decode_setting(data) == command


@pytest.mark.parametrize(
    ("data", "command"),
    [
        ("s:keep:0", SetRetention(None)),  # the wire format of the buttons already sent
        ("s:pause:off", Resume()),
        ("s:time:1715", SetTime(time(17, 15))),
        ("s:menu:nowhere", OpenScreen("main")),  # an unknown screen is the overview
        ("s:keep:5", StaleSetting()),  # not a retention choice
        ("s:keep:00", StaleSetting()),
        ("s:day:7", StaleSetting()),
        ("s:time:25:00", StaleSetting()),
        ("s:tz:Nowhere/Else", StaleSetting()),
        ("s:pause:0", StaleSetting()),
        ("s:lang:fr", StaleSetting()),
    ],
)
def test_settings_data_is_parsed_once_into_one_command(data, command):
    assert decode_setting(data) == command


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "a:1:6",
        "a:x:1",
        "k:",
        "s:evil:1",
        "s:tz:../../etc",
        "a:1:1:1",
        "zz",
        "v:w:20261399",
    ],
)
def test_forged_or_malformed_data_decodes_to_nothing(data):
    assert decode(data) is None


@given(st.text(max_size=80))
def test_decode_never_raises(data):
    decode(data)


def test_button_prefixes_are_declared_once_and_never_shared():
    prefixes = [buttons.prefix for buttons in BUTTONS.buttons]
    assert len(prefixes) == len(set(prefixes))
    with pytest.raises(ValueError, match="distinct"):
        ButtonSet((*BUTTONS.buttons, Buttons("a", (), re.compile(""), lambda m: None, str)))


# --- catalogs ---------------------------------------------------------------------------


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    catalog = Catalog.load()  # check() runs on load and raises on any gap
    assert set(catalog.entries["nl"]) == set(catalog.entries["en"])


def test_every_parse_error_key_has_a_message():
    from typing import get_args

    from bot.account.parsing import ParseKey

    catalog = Catalog.load()
    for key in get_args(ParseKey):
        assert f"errors.{key}" in catalog.entries["nl"]


# --- schedule rules ---------------------------------------------------------------------


def test_next_due_is_none_before_onboarding_and_while_paused_open_ended():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert next_due(_user(onboarding_step="days"), now) is None
    assert next_due(_user(paused=True), now) is None


def test_a_dated_pause_resumes_on_the_following_day():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday
    due = next_due(_user(paused=True, paused_until=date(2026, 3, 4)), now)
    assert due == datetime(2026, 3, 5, 15, 30, tzinfo=UTC)  # Thursday 16:30 in Brussels


def test_a_midnight_checkin_on_the_first_day_back_is_kept():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    user = _user(paused=True, paused_until=date(2026, 3, 4), checkin_time=time(0, 0))
    assert next_due(user, now) == datetime(2026, 3, 4, 23, 0, tzinfo=UTC)


def test_a_dated_pause_ends_after_the_last_paused_day():
    user = _user(paused=True, paused_until=date(2026, 3, 4))
    assert user.paused_on(date(2026, 3, 4))
    assert not user.paused_on(date(2026, 3, 5))
    assert _user(paused=True).paused_on(date(2030, 1, 1))
    assert not _user().paused_on(date(2026, 3, 4))


def test_unparsed_update_batches_never_reach_the_log_with_their_text():
    import logging

    from bot.logging_setup import RedactFilter

    record = logging.LogRecord(
        "telegram.Bot",
        logging.CRITICAL,
        __file__,
        1,
        "Error while parsing updates! Received data was %r",
        ({"text": "geheim"},),
        None,
    )
    assert RedactFilter(["123:abc"]).filter(record)
    assert "geheim" not in record.getMessage()
