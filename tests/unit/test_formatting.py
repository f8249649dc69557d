"""Locale formatting through Babel, in both languages: plurals, decimals, lists, days and months."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.account import views
from bot.core import formatting
from bot.core.texts import LANGUAGES, Catalog, CatalogError
from storage import User

MONDAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", ["0 dagen", "1 dag", "2 dagen"]), ("en", ["0 days", "1 day", "2 days"])],
)
def test_a_counted_phrase_takes_the_plural_form_of_its_number(catalog, lang, expected):
    assert [catalog.count(lang, "verrekijker.days", n) for n in (0, 1, 2)] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", ["⛰️ Reeks: 1 week", "⛰️ Reeks: 2 weken op rij"]),
     ("en", ["⛰️ Streak: 1 week", "⛰️ Streak: 2 weeks in a row"])],
)  # fmt: skip
def test_the_team_streak_is_a_counted_phrase_too(catalog, lang, expected):
    assert [catalog.count(lang, "teams.streak", n) for n in (1, 2)] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", ["Pauze: 1 dag", "Pauze: 7 dagen"]), ("en", ["Pause: 1 day", "Pause: 7 days"])],
)
def test_the_pause_buttons_say_day_or_days_not_both(catalog, lang, expected):
    user = User(
        user_id=1,
        chat_id=1,
        language=lang,
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
    keyboard = views.pause_screen(catalog, user).keyboard
    assert keyboard is not None
    assert [row[0].text for row in keyboard.inline_keyboard[:2]] == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl", ["3,5", "2,3", "4,0"]), ("en", ["3.5", "2.3", "4.0"])]
)
def test_a_decimal_has_one_digit_in_the_languages_style_and_halves_round_up(lang, expected):
    assert [formatting.decimal(lang, v) for v in (3.45, 2.25, 4)] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", ["ma", "ma en di", "ma, di en wo"]), ("en", ["ma", "ma and di", "ma, di and wo"])],
)
def test_a_list_in_running_text_joins_with_commas_and_the_last_and(lang, expected):
    parts = ["ma", "di", "wo"]
    assert [formatting.listing(lang, parts[:n]) for n in (1, 2, 3)] == expected
    assert formatting.listing(lang, []) == ""


@pytest.mark.parametrize(
    ("lang", "long", "short"), [("nl", "maandag", "ma"), ("en", "Monday", "Mon")]
)
def test_weekday_names_start_on_monday(lang, long, short):
    assert formatting.weekday_name(lang, MONDAY) == long
    assert formatting.weekday_name(lang, MONDAY, short=True) == short
    assert len(formatting.weekday_names(lang)) == 7
    assert formatting.weekday_names(lang, short=True)[6] == ("zo" if lang == "nl" else "Sun")


@pytest.mark.parametrize(
    ("lang", "plain", "full"),
    [("nl", "2 maart", "maandag 30 november 2026"),
     ("en", "2 March", "Monday 30 November 2026")],
)  # fmt: skip
def test_dates_read_day_then_month_in_both_languages(lang, plain, full):
    assert formatting.day_words(lang, date(2026, 3, 2)) == plain
    assert formatting.day_words(lang, MONDAY, weekday=True, year=True) == full


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "maandag 30 november om 16:30"), ("en", "Monday 30 November at 16:30")],
)
def test_the_next_check_in_moment_reads_like_a_european_date(catalog, lang, expected):
    moment = datetime(2026, 11, 30, 16, 30)
    assert views.format_moment(catalog, lang, moment) == expected


def test_a_counted_phrase_without_its_other_form_is_refused_at_start(catalog):
    entries = {lang: dict(texts) for lang, texts in catalog.entries.items()}
    for texts in entries.values():
        del texts["verrekijker.days.other"]
    with pytest.raises(CatalogError, match=r"verrekijker\.days.*other"):
        Catalog(entries).check()


def test_every_catalog_language_has_a_babel_locale():
    # Until the languages are named once (storage's set), the two must not drift apart.
    assert set(formatting.LOCALE_NAMES) == set(LANGUAGES)
    assert {formatting.locale(lang).language for lang in LANGUAGES} == set(LANGUAGES)
