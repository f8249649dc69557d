"""Team logic without Telegram: week progress, the streak and its freeze, codes, texts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import BUTTONS
from bot.core.callbacks import MAX_BYTES
from bot.core.texts import LANGUAGES, Catalog
from bot.teams.callbacks import TeamAction, TeamJoin
from bot.teams.codes import code_from_start, code_hash, invite_link, new_code, well_formed
from bot.teams.progress import (
    MemberWeek,
    Progress,
    digest_moment,
    next_digest,
    personal_goal,
    reflection_days,
    week_bounds,
    week_of,
    week_progress,
)
from bot.teams.service import clean_name, display_name
from bot.teams.streak import FREEZE_EVERY, milestone, run_streak
from bot.teams.text import digest, offer, team_block
from storage import Team, TeamWeek

encode, decode = BUTTONS.encode, BUTTONS.decode
BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY = date(2026, 3, 2)
ZONES = [ZoneInfo(z) for z in ("Europe/Brussels", "Pacific/Auckland", "America/Los_Angeles", "UTC")]


def _moment(day: date, hour: int, tz: ZoneInfo = BRUSSELS) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


def _member(user_id: int = 1, *moments: datetime, joined: datetime | None = None, paused=False):
    joined_at = joined or datetime(2026, 1, 1, tzinfo=UTC)
    return MemberWeek(user_id, joined_at, tuple(moments), paused)


# --- weeks and reflection days ------------------------------------------------------------


def test_a_week_runs_monday_to_sunday_in_the_team_timezone():
    start, end = week_bounds(MONDAY, BRUSSELS)
    assert start == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 8, 23, 0, tzinfo=UTC)
    # The week that holds the spring-forward Sunday is an hour shorter.
    start, end = week_bounds(date(2026, 3, 23), BRUSSELS)
    assert end - start == timedelta(days=7, hours=-1)
    assert week_of(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), BRUSSELS) == MONDAY


def test_the_digest_falls_on_monday_0900_team_time_after_the_week():
    assert digest_moment(MONDAY, BRUSSELS) == datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    assert digest_moment(date(2026, 3, 23), BRUSSELS) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    # Created on Monday before 09:00: the week before (without the team) gets no digest.
    assert next_digest(_moment(MONDAY, 8), BRUSSELS) == digest_moment(MONDAY, BRUSSELS)


def test_reflection_days_count_days_not_answers():
    moments = [_moment(MONDAY, 10), _moment(MONDAY, 11), _moment(MONDAY + timedelta(days=2), 9)]
    assert reflection_days(moments, MONDAY, BRUSSELS) == 2
    assert reflection_days(moments, MONDAY + timedelta(weeks=1), BRUSSELS) == 0


def test_paused_and_new_members_are_excused_and_the_outcome_follows():
    goal = 2
    days = [_moment(MONDAY, 10), _moment(MONDAY + timedelta(days=1), 10)]
    on_track = _member(1, *days)
    behind = _member(2, days[0])
    paused = _member(3, paused=True)
    newcomer = _member(4, joined=_moment(MONDAY, 12))
    helping_newcomer = _member(5, *days, joined=_moment(MONDAY, 8))
    after = _member(6, joined=_moment(MONDAY + timedelta(weeks=1), 10))
    members = [on_track, behind, paused, newcomer, helping_newcomer, after]
    progress = week_progress(members, MONDAY, BRUSSELS, goal)
    assert progress == Progress(on_track=2, behind=1, new=1, paused=1)
    assert (progress.counted, progress.excused, progress.outcome) == (3, 2, "missed")
    assert week_progress([on_track, paused], MONDAY, BRUSSELS, goal).outcome == "met"
    assert week_progress([paused, newcomer], MONDAY, BRUSSELS, goal).outcome == "quiet"
    assert week_progress([], MONDAY, BRUSSELS, goal).outcome == "quiet"


def test_a_part_timer_who_reflected_on_all_own_days_is_never_behind():
    goal = 3
    tuesday, thursday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)
    both = (_moment(tuesday, 10), _moment(thursday, 10))
    part_timer = MemberWeek(1, datetime(2026, 1, 1, tzinfo=UTC), both, False, workdays=2)
    one_of_two = MemberWeek(2, datetime(2026, 1, 1, tzinfo=UTC), both[:1], False, workdays=2)
    full_timer = MemberWeek(3, datetime(2026, 1, 1, tzinfo=UTC), both, False, workdays=5)
    assert week_progress([part_timer], MONDAY, BRUSSELS, goal).outcome == "met"
    assert week_progress([one_of_two], MONDAY, BRUSSELS, goal).behind == 1
    assert week_progress([full_timer], MONDAY, BRUSSELS, goal).behind == 1  # 2 of 3: still short
    assert week_progress([part_timer, full_timer], MONDAY, BRUSSELS, goal) == Progress(1, 1)


@pytest.mark.parametrize(
    ("goal", "workdays", "expected"), [(3, 2, 2), (3, 5, 3), (5, 5, 5), (1, 7, 1), (3, 0, 1)]
)
def test_the_personal_goal_is_the_team_goal_or_the_own_days_when_fewer(goal, workdays, expected):
    assert personal_goal(goal, workdays) == expected


_instants = st.datetimes(
    min_value=datetime(2026, 2, 20), max_value=datetime(2026, 4, 20), timezones=st.just(UTC)
)
_members = st.lists(
    st.tuples(
        st.lists(_instants, max_size=12),
        st.sampled_from([datetime(2026, 1, 1), datetime(2026, 3, 4), datetime(2026, 3, 20)]),
        st.booleans(),
    ),
    min_size=1,
    max_size=5,
)
_weeks = st.sampled_from([MONDAY + timedelta(weeks=n) for n in range(-1, 7)])
_RANK = {"missed": 0, "quiet": 1, "met": 2}


def _build(raw) -> list[MemberWeek]:
    return [
        MemberWeek(i, joined.replace(tzinfo=UTC), tuple(moments), paused)
        for i, (moments, joined, paused) in enumerate(raw)
    ]


@pytest.mark.slow
@settings(max_examples=300)
@given(raw=_members, week=_weeks, extra=_instants, who=st.integers(0, 4), goal=st.integers(1, 7))
def test_one_more_reflection_never_lowers_the_weeks_progress(raw, week, extra, who, goal):
    members = _build(raw)
    who %= len(members)
    more = [
        MemberWeek(m.user_id, m.joined_at, (*m.moments, extra), m.paused) if i == who else m
        for i, m in enumerate(members)
    ]
    before = week_progress(members, week, BRUSSELS, goal)
    after = week_progress(more, week, BRUSSELS, goal)
    assert after.on_track >= before.on_track
    assert after.behind <= before.behind
    assert _RANK[after.outcome] >= _RANK[before.outcome]
    own_before = reflection_days(members[who].moments, week, BRUSSELS)
    assert reflection_days(more[who].moments, week, BRUSSELS) >= own_before


@pytest.mark.slow
@settings(max_examples=300)
@given(
    raw=_members,
    week=_weeks,
    old=st.sampled_from(ZONES),
    new=st.sampled_from(ZONES),
    team_zone=st.sampled_from(ZONES),
    goal=st.integers(1, 7),
)
def test_a_members_timezone_never_changes_a_past_week(raw, week, old, new, team_zone, goal):
    # The same instants, as the member saw them before and after moving to another timezone.
    members = _build(raw)
    seen_before = [
        MemberWeek(m.user_id, m.joined_at, tuple(t.astimezone(old) for t in m.moments), m.paused)
        for m in members
    ]
    seen_after = [
        MemberWeek(m.user_id, m.joined_at, tuple(t.astimezone(new) for t in m.moments), m.paused)
        for m in members
    ]
    assert week_progress(seen_before, week, team_zone, goal) == week_progress(
        seen_after, week, team_zone, goal
    )


# --- streak and freeze ----------------------------------------------------------------------


def test_the_streak_counts_met_weeks_and_a_freeze_saves_it_once_per_four_weeks():
    streak = run_streak(["met", "missed", "met", "met", "met", "missed", "missed"])
    assert [w.streak for w in streak.weeks] == [1, 1, 2, 3, 4, 4, 0]
    assert [w.froze for w in streak.weeks] == [False, True, False, False, False, True, False]
    assert streak.current == 0 and streak.freeze_in == FREEZE_EVERY - 2
    assert run_streak(["missed", "met"]).weeks[0].froze is False  # nothing to save yet
    assert run_streak(["met", "quiet", "met"]).current == 2  # a quiet week neither adds nor breaks
    assert run_streak([]).current == 0 and run_streak([]).freeze_in == 0


@given(st.lists(st.sampled_from(["met", "missed", "quiet"]), max_size=60))
def test_streak_properties(outcomes):
    streak = run_streak(outcomes)
    assert 0 <= streak.current <= outcomes.count("met")
    frozen = [i for i, w in enumerate(streak.weeks) if w.froze]
    assert all(b - a >= FREEZE_EVERY for a, b in pairwise(frozen))
    previous = 0
    for week in streak.weeks:
        if week.outcome == "met":
            assert week.streak == previous + 1
        elif week.outcome == "quiet" or week.froze:
            assert week.streak == previous
        else:
            assert week.streak == 0
        previous = week.streak
    assert run_streak(["met"] * len(outcomes)).current == len(outcomes)


def test_milestones_celebrate_met_weeks_only():
    weeks = run_streak(["met"] * 104).weeks
    assert [milestone(w) for w in weeks if milestone(w)] == [4, 10, 26, 52, 104]
    assert milestone(run_streak(["met"] * 4 + ["missed"]).weeks[-1]) is None


# --- codes and callback payloads --------------------------------------------------------------


def test_codes_are_random_url_safe_and_stored_only_as_a_hash():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 16 and well_formed(c) for c in codes)
    code = codes.pop()
    assert code_hash(code) != code and len(code_hash(code)) == 64
    assert invite_link("sherpa_bot", code) == f"https://t.me/sherpa_bot?start=team_{code}"
    assert code_from_start([f"team_{code}"]) == code
    assert code_from_start(None) is None and code_from_start(["other"]) is None
    assert not well_formed("a b") and not well_formed("<b>xx</b>") and not well_formed("short")


@given(
    action=st.sampled_from(sorted({"no", "lv", "gl", "cd", "rm", "ru", "ha", "hu", "rn", "lk"})),
    team_id=st.integers(0, 10**15 - 1),
    arg=st.none() | st.integers(0, 10**15 - 1),
)
def test_team_payloads_round_trip_within_64_bytes(action, team_id, arg):
    payload = TeamAction(action, team_id, arg)
    data = encode(payload)
    assert len(data.encode()) <= MAX_BYTES and data.startswith("t:")
    assert decode(data) == payload
    code = new_code()
    assert decode(encode(TeamJoin(code))) == TeamJoin(code)


@pytest.mark.parametrize(
    "data",
    ["t:zz:1", "t:lv:-1", "t:lv:abc", "t:j:<b>", "t:ru:1:2:3", "t:lv:1 ", "t:" + "9" * 70],
)
def test_forged_team_payloads_are_refused(data):
    assert decode(data) is None


# --- names and texts -------------------------------------------------------------------------


def test_names_are_one_trimmed_line_of_at_most_40_characters():
    assert clean_name("  Team \n Noord\t ") == "Team Noord"
    assert clean_name("") is None and clean_name("x" * 41) is None
    assert display_name("A" * 50) == "A" * 32 and display_name(None) == "?"


def _team(name: str = "Team <Noord> & co") -> Team:
    return Team(1, name, 3, "Europe/Brussels", "nl", None, datetime(2026, 3, 2, tzinfo=UTC), None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_texts_escape_the_team_name_and_show_counts_only(lang):
    texts = Catalog.load()
    team = _team()
    week = TeamWeek(MONDAY, "missed", on_track=2, counted=3, excused=1)
    streak = run_streak(["met", "met", "met", "missed", "missed"])
    shown = [
        digest(texts, lang, team, week, streak.weeks[-2]),
        digest(texts, lang, team, week, streak.weeks[-1]),
        offer(texts, lang, team, 4, "<Bob>"),
        team_block(texts, lang, team, members=4, on_track=1, streak=streak),
    ]
    for message in shown:
        assert "Team &lt;Noord&gt; &amp; co" in message and "<Noord>" not in message
    assert "&lt;Bob&gt;" in shown[2]
    assert "2" in shown[0] and "3" in shown[0]
