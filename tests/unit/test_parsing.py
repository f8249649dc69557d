"""Table-driven tests for bot.account.parsing: every accepted and rejected settings form."""

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.account import parsing
from bot.account.parsing import (
    ParseError,
    format_days,
    language_from_telegram,
    parse_days,
    parse_language,
    parse_pause_days,
    parse_question_count,
    parse_switch,
    parse_time,
    parse_timezone,
    parse_week_moment,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WORK = frozenset(range(5))
ALL = frozenset(range(7))
WEEKEND = frozenset({SAT, SUN})


def test_parse_error_is_value_error_with_key() -> None:
    err = ParseError("time", "bad time", "25:00")
    assert isinstance(err, ValueError)
    assert (err.key, err.value, str(err)) == ("time", "25:00", "bad time")


# --- parse_time -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17:15", time(17, 15)),
        ("7:05", time(7, 5)),
        ("07:05", time(7, 5)),
        ("17.15", time(17, 15)),
        ("17u15", time(17, 15)),
        ("17U15", time(17, 15)),
        ("17h15", time(17, 15)),
        ("17H15", time(17, 15)),
        ("1715", time(17, 15)),
        ("0705", time(7, 5)),
        ("705", time(7, 5)),
        (" 17:15 ", time(17, 15)),
        ("\t17:15\n", time(17, 15)),
        ("17 : 15", time(17, 15)),
        ("0:00", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("0000", time(0, 0)),
        ("2359", time(23, 59)),
    ],
)
def test_parse_time_accepts(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "24:00",
        "2400",
        "17:60",
        "1760",
        "25:15",
        "99:99",
        "17:15:00",
        "17:15:30",
        "171500",
        "17",  # bare hour: not accepted, the help text shows "17:15"
        "7",
        "17:5",
        "17:",
        ":15",
        "-1:00",
        "17:15 pm",
        "5pm",
        "17,15",
        "17-15",
        "1 7:15",
        "１７:１５",  # full-width digits
        "١٧:١٥",  # Arabic-Indic digits
        "17:15u",
    ],
)
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_time(text)
    assert info.value.key == "time"
    assert repr(text) in str(info.value)


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from([":", ".", "u", "h", ""]))
def test_parse_time_round_trips_every_minute(hour: int, minute: int, sep: str) -> None:
    assert parse_time(f"{hour}{sep}{minute:02d}") == time(hour, minute)
    assert parse_time(f"{hour:02d}{sep}{minute:02d}") == time(hour, minute)


# --- parse_days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Single days, English and Dutch, short and long, any case.
        ("mon", {MON}),
        ("Tue", {TUE}),
        ("WED", {WED}),
        ("thu", {THU}),
        ("fri", {FRI}),
        ("sat", {SAT}),
        ("sun", {SUN}),
        ("monday", {MON}),
        ("Tuesday", {TUE}),
        ("wednesday", {WED}),
        ("thursday", {THU}),
        ("friday", {FRI}),
        ("saturday", {SAT}),
        ("SUNDAY", {SUN}),
        ("ma", {MON}),
        ("di", {TUE}),
        ("wo", {WED}),
        ("do", {THU}),
        ("vr", {FRI}),
        ("za", {SAT}),
        ("zo", {SUN}),
        ("maandag", {MON}),
        ("dinsdag", {TUE}),
        ("woensdag", {WED}),
        ("donderdag", {THU}),
        ("Vrijdag", {FRI}),
        ("zaterdag", {SAT}),
        ("zondag", {SUN}),
        # Lists: commas, spaces, both, stray separators, duplicates, mixed languages.
        ("ma,wo,vr", {MON, WED, FRI}),
        ("ma, wo, vr", {MON, WED, FRI}),
        ("ma wo vr", {MON, WED, FRI}),
        ("mon,  wed ,fri", {MON, WED, FRI}),
        (",ma,,vr,", {MON, FRI}),
        ("ma;vr", {MON, FRI}),
        ("ma, ma, ma", {MON}),
        ("mon, dinsdag", {MON, TUE}),
        ("ma en vr", {MON, FRI}),
        ("mon, wed and fri", {MON, WED, FRI}),
        ("  Ma , Vr  ", {MON, FRI}),
        # Ranges.
        ("ma-vr", WORK),
        ("mon-fri", WORK),
        ("Mon-Fri", WORK),
        ("maandag-vrijdag", WORK),
        ("ma - vr", WORK),
        ("ma–vr", WORK),  # the en dash format_days prints
        ("ma—vr", WORK),
        ("ma t/m vr", WORK),
        ("maandag tot en met vrijdag", WORK),
        ("mon to fri", WORK),
        ("mon through fri", WORK),
        ("di-do", {TUE, WED, THU}),
        ("ma-ma", {MON}),
        ("ma-wo, za", {MON, TUE, WED, SAT}),
        ("ma-di, do-vr", {MON, TUE, THU, FRI}),
        ("mon-wed wed-fri", WORK),
        # Wrapping ranges are accepted and run through Sunday.
        ("sat-mon", {SAT, SUN, MON}),
        ("vr-ma", {FRI, SAT, SUN, MON}),
        ("zo-di", {SUN, MON, TUE}),
        # Keywords.
        ("all", ALL),
        ("alle", ALL),
        ("ALLE", ALL),
        ("elke dag", ALL),
        ("Elke  Dag", ALL),
        ("iedere dag", ALL),
        ("alle dagen", ALL),  # what format_days prints
        ("all days", ALL),
        ("daily", ALL),
        ("every day", ALL),
        ("everyday", ALL),
        ("dagelijks", ALL),
        ("weekdays", WORK),
        ("werkdagen", WORK),
        ("weekdagen", WORK),
        ("workdays", WORK),
        ("weekend", WEEKEND),
        ("weekends", WEEKEND),
        ("Weekend", WEEKEND),
        ("werkdagen, za", WORK | {SAT}),
        ("weekend ma", WEEKEND | {MON}),
        ("weekdays weekend", ALL),
    ],
)
def test_parse_days_accepts(text: str, expected: set[int]) -> None:
    result = parse_days(text)
    assert result == frozenset(expected)
    assert isinstance(result, frozenset)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("", ""),
        ("   ", "   "),
        (",", ","),
        (", ;", ", ;"),
        ("xyz", "xyz"),
        ("ma, xyz", "xyz"),
        ("mo", "mo"),
        ("maa", "maa"),
        ("mondays", "mondays"),
        ("ma-", ""),
        ("-vr", ""),
        ("ma-xx", "xx"),
        ("xx-vr", "xx"),
        ("ma-di-wo", "di-wo"),
        ("weekdays-weekend", "weekdays"),
        ("1", "1"),
        ("0-4", "0"),
        ("elke", "elke"),
        ("dag", "dag"),
        ("ma,vr,zaterdagen", "zaterdagen"),
    ],
)
def test_parse_days_rejects(text: str, bad: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_days(text)
    assert info.value.key == "days"
    assert info.value.value == bad
    assert repr(bad) in str(info.value)


@given(st.frozensets(st.integers(0, 6), min_size=1), st.sampled_from(["nl", "en"]))
def test_format_days_output_parses_back(days: frozenset[int], lang: str) -> None:
    assert parse_days(format_days(days, lang)) == days


# --- format_days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "nl", "en"),
    [
        (ALL, "alle dagen", "every day"),
        (WORK, "ma–vr", "mon–fri"),
        ({MON, WED, FRI}, "ma, wo, vr", "mon, wed, fri"),
        ({MON}, "ma", "mon"),
        ({SUN}, "zo", "sun"),
        (WEEKEND, "za, zo", "sat, sun"),
        ({MON, TUE}, "ma, di", "mon, tue"),
        ({MON, TUE, WED}, "ma–wo", "mon–wed"),
        ({TUE, WED, THU, FRI, SAT, SUN}, "di–zo", "tue–sun"),
        ({MON, TUE, WED, THU, FRI, SAT}, "ma–za", "mon–sat"),
        ({MON, TUE, WED, FRI}, "ma–wo, vr", "mon–wed, fri"),
        ({MON, TUE, THU, FRI}, "ma, di, do, vr", "mon, tue, thu, fri"),
        ({MON, WED, THU, FRI, SUN}, "ma, wo–vr, zo", "mon, wed–fri, sun"),
        # Week order is Monday first and runs do not wrap past Sunday.
        ({SAT, SUN, MON}, "ma, za, zo", "mon, sat, sun"),
        ({FRI, SAT, SUN, MON}, "ma, vr–zo", "mon, fri–sun"),
        (set(), "geen dagen", "no days"),
    ],
)
def test_format_days(days: set[int], nl: str, en: str) -> None:
    assert format_days(frozenset(days), "nl") == nl
    assert format_days(frozenset(days), "en") == en


def test_format_days_rejects_unknown_language_and_weekday() -> None:
    with pytest.raises(ValueError, match="language"):
        format_days(WORK, "fr")
    with pytest.raises(ValueError, match=r"0\.\.6"):
        format_days(frozenset({7}), "nl")


# --- parse_timezone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Brussels", "Europe/Brussels"),
        ("europe/brussels", "Europe/Brussels"),
        ("EUROPE/BRUSSELS", "Europe/Brussels"),
        ("  Europe/Brussels  ", "Europe/Brussels"),
        ("Brussels", "Europe/Brussels"),
        ("brussels", "Europe/Brussels"),
        ("Amsterdam", "Europe/Amsterdam"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Etc/UTC", "Etc/UTC"),
        ("America/New_York", "America/New_York"),
        ("New_York", "America/New_York"),
        ("new york", "America/New_York"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("Kolkata", "Asia/Kolkata"),
        ("Pacific/Chatham", "Pacific/Chatham"),
        ("US/Eastern", "US/Eastern"),  # legacy names are still IANA names
        ("Etc/GMT-2", "Etc/GMT-2"),  # exact name only, never via city lookup
    ],
)
def test_parse_timezone_accepts(text: str, expected: str) -> None:
    zone = parse_timezone(text)
    assert isinstance(zone, ZoneInfo)
    assert zone.key == expected


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Istanbul", {"Europe/Istanbul", "Asia/Istanbul"}),
        ("Nicosia", {"Europe/Nicosia", "Asia/Nicosia"}),
        ("buenos aires", {"America/Buenos_Aires", "America/Argentina/Buenos_Aires"}),
    ],
)
def test_parse_timezone_city_aliases_resolve(text: str, candidates: set[str]) -> None:
    # Several names for one zone: any of them is fine, the rules are identical.
    assert parse_timezone(text).key in candidates


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Brussel",
        "Mars/Olympus_Mons",
        "Europe/",
        "/Brussels",
        "../etc/passwd",
        "../../etc/passwd",
        "/etc/passwd",
        "/usr/share/zoneinfo/Europe/Brussels",
        "Europe/../Europe/Brussels",
        "Europe\\Brussels",
        "Europe/Brussels\x00",
        "GMT+1",  # would otherwise hit Etc/GMT+1, which is UTC-1
        "Eastern",  # legacy areas are not searched by city
        "localtime",  # the server's own zone, not a user zone
        "Factory",
        "posixrules",
        "+02:00",
        "CEST",
    ],
)
def test_parse_timezone_rejects(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_timezone(text)
    assert info.value.key == "tz"


def test_parse_timezone_ambiguous_city(monkeypatch: pytest.MonkeyPatch) -> None:
    index = ({}, {"springfield": ("Europe/Brussels", "America/New_York")})
    monkeypatch.setattr(parsing, "_zone_index", lambda: index)
    with pytest.raises(ParseError, match=r"ambiguous.*America/New_York") as info:
        parse_timezone("Springfield")
    assert info.value.key == "tz"


def test_parse_timezone_unloadable_listed_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "_zone_index", lambda: ({"ghost": "Ghost/Zone"}, {}))
    with pytest.raises(ParseError, match="cannot be loaded"):
        parse_timezone("ghost")


def test_zone_index_is_cached_and_complete() -> None:
    by_name, _ = parsing._zone_index()
    assert parsing._zone_index() is parsing._zone_index()
    assert by_name["europe/brussels"] == "Europe/Brussels"
    assert "localtime" not in by_name


# --- parse_language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nl", "nl"),
        ("NL", "nl"),
        (" nl ", "nl"),
        ("nederlands", "nl"),
        ("Nederlands", "nl"),
        ("dutch", "nl"),
        ("Vlaams", "nl"),
        ("flemish", "nl"),
        ("en", "en"),
        ("EN", "en"),
        ("english", "en"),
        ("English", "en"),
        ("engels", "en"),
    ],
)
def test_parse_language_accepts(text: str, expected: str) -> None:
    assert parse_language(text) == expected


@pytest.mark.parametrize("text", ["", " ", "fr", "français", "deutsch", "e", "n", "nl en"])
def test_parse_language_rejects(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_language(text)
    assert info.value.key == "lang"


# --- parse_question_count ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("2", 2), ("3", 3), (" 2 ", 2)])
def test_parse_question_count_accepts(text: str, expected: int) -> None:
    assert parse_question_count(text) == expected


@pytest.mark.parametrize(
    "text", ["", " ", "0", "4", "10", "-1", "+2", "1.5", "2.0", "two", "twee", "٢", "1 2"]
)
def test_parse_question_count_rejects(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_question_count(text)
    assert info.value.key == "questions"


# --- parse_pause_days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("   ", None),
        ("1", 1),
        ("3", 3),
        (" 3 ", 3),
        ("3 dagen", 3),
        ("3dagen", 3),
        ("3 Dagen", 3),
        ("1 dag", 1),
        ("3 days", 3),
        ("1 day", 1),
        ("3d", 3),
        ("365", 365),
        ("007", 7),
    ],
)
def test_parse_pause_days_accepts(text: str, expected: int | None) -> None:
    assert parse_pause_days(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0",
        "0 dagen",
        "366",
        "1000",
        "-3",
        "3.5",
        "3 weken",
        "3 weeks",
        "dagen",
        "abc",
        "3 dagen extra",
        "drie",
        "٣",
    ],
)
def test_parse_pause_days_rejects(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_pause_days(text)
    assert info.value.key == "pause"


# --- language_from_telegram -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "default", "expected"),
    [
        ("nl", "en", "nl"),
        ("nl-BE", "en", "nl"),
        ("nl_NL", "en", "nl"),
        ("NL-be", "en", "nl"),
        ("en", "nl", "en"),
        ("en-US", "nl", "en"),
        ("en-GB", "nl", "en"),
        ("en_gb", "nl", "en"),
        ("fr", "nl", "nl"),
        ("fr-BE", "en", "en"),
        ("de", "en", "en"),
        ("", "nl", "nl"),
        (None, "nl", "nl"),
        (None, "en", "en"),
        ("nld", "en", "en"),
        ("eng", "nl", "nl"),
    ],
)
def test_language_from_telegram(code: str | None, default: str, expected: str) -> None:
    assert language_from_telegram(code, default) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vr 17:00", (4, time(17, 0))),
        ("friday 17.30", (4, time(17, 30))),
        ("zo 9:05", (6, time(9, 5))),
    ],
)
def test_parse_week_moment(text, expected):
    assert parse_week_moment(text) == expected


@pytest.mark.parametrize("text", ["", "17:00", "vr", "ma,di 17:00", "vr 25:00", "banaan 17:00"])
def test_parse_week_moment_rejects(text):
    with pytest.raises(ParseError) as error:
        parse_week_moment(text)
    assert error.value.key == "week"


def test_parse_switch():
    assert parse_switch(" Aan ") and parse_switch("on")
    assert not parse_switch("uit") and not parse_switch("OFF")
    with pytest.raises(ParseError):
        parse_switch("misschien")
