"""De verrekijker: pure builders, renderers and the message splitter, no Telegram."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from html import escape
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.texts import LANGUAGES, Catalog
from bot.verrekijker import (
    build_overview,
    build_week,
    caption,
    direction,
    iso_label,
    needs_support,
    recurring_words,
    render_overview,
    render_summary,
    render_week,
    shorten,
    split_messages,
    week_range,
    week_start,
)
from bot.verrekijker.text import Section
from bot.verrekijker.weeks import week_starts
from prompts import Content, load_content
from storage import AnsweredQuestion, ReflectionDay

MONDAY = date(2026, 3, 2)  # ISO week 10
CONTENT = load_content()
TEXTS = Catalog.load()
_TAGS = re.compile(r"</?(?:b|i|code)>")


def day(
    d: date,
    signpost: int,
    *answers: str,
    energy: int | None = None,
    boundaries: int | None = None,
) -> ReflectionDay:
    """A reflection day with one question per answer."""
    asked = tuple(AnsweredQuestion(f"Vraag {i}?", (a,)) for i, a in enumerate(answers))
    return ReflectionDay(d, signpost, asked, energy, boundaries)


def year_of_answers(content: Content = CONTENT, seed: int = 7) -> list[ReflectionDay]:
    """52 weeks, five days a week, two answers a day and both scales."""
    rng = Random(seed)
    words = [
        "cliënt",
        "gesprek",
        "grens",
        "team",
        "tempo",
        "moeder",
        "netwerk",
        "rust",
        "plan",
        "huisbezoek",
    ]
    days = []
    for week in range(52):
        for weekday in range(5):
            d = MONDAY - timedelta(weeks=51 - week) + timedelta(days=weekday)
            answers = [" ".join(rng.choices(words, k=rng.randint(3, 40))) for _ in range(2)]
            days.append(
                day(
                    d,
                    rng.randint(1, 10),
                    *answers,
                    energy=rng.randint(1, 5),
                    boundaries=rng.randint(1, 5),
                )
            )
    return days


def html_of(sections: list[Section]) -> str:
    """All sections as one text, as the user would read them."""
    return "\n\n".join(s.html for s in sections)


# --- weeks --------------------------------------------------------------------------------


def test_weeks_run_monday_to_sunday_with_iso_labels():
    assert week_start(date(2026, 3, 8)) == MONDAY
    assert week_range(date(2026, 3, 4)) == (MONDAY, date(2026, 3, 8))
    assert iso_label(MONDAY) == "2026-W10"
    assert iso_label(date(2026, 12, 28)) == "2026-W53"
    assert week_starts(date(2026, 2, 18), date(2026, 3, 3)) == (
        date(2026, 2, 16),
        date(2026, 2, 23),
        MONDAY,
    )


# --- zoom in ------------------------------------------------------------------------------


def test_answers_are_grouped_by_signpost_in_order_of_first_appearance():
    days = [
        day(MONDAY - timedelta(days=1), 9, "vorige week"),
        day(MONDAY, 3, "maandag een", "maandag twee", energy=4, boundaries=3),
        day(MONDAY + timedelta(days=1), 5, "dinsdag"),
        day(MONDAY + timedelta(days=3), 3, "donderdag", energy=2),
        day(MONDAY + timedelta(days=7), 1, "volgende week"),
    ]
    view = build_week(days, MONDAY + timedelta(days=2), CONTENT)
    assert view.start == MONDAY and view.end == MONDAY + timedelta(days=6)
    assert [g.signpost for g in view.groups] == [3, 5]
    assert [q.text for q in view.groups[0].quotes] == ["maandag een", "maandag twee", "donderdag"]
    assert view.days == (MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=3))
    assert view.attention == (0, 0, 3, 0, 1, 0, 0, 0, 0, 0)
    assert [(s.energy, s.boundaries) for s in view.scales[:4]] == [
        (4, 3),
        (None, None),
        (None, None),
        (2, None),
    ]
    assert len(view.scales) == 7


def test_the_week_shows_titles_weekdays_and_scales_in_the_users_language():
    days = [day(MONDAY, 3, "samen plannen", energy=4, boundaries=3)]
    view = build_week(days, MONDAY, CONTENT)
    nl = html_of(render_week(view, "nl", TEXTS, CONTENT))
    en = html_of(render_week(view, "en", TEXTS, CONTENT))
    assert "3 · Stippel samen de weg uit" in nl and "3 · Plot the path together" in en
    assert "maandag" in nl and "Monday" in en
    assert "Energie: ma 4" in nl and "Grenzen: ma 3" in nl
    assert "Energy: Mon 4" in en and "Boundaries: Mon 3" in en


def test_quotes_are_escaped_and_shortened_but_never_rewritten():
    short = "Ik zei <nee> & bleef rustig."
    long = " ".join(["woord"] * 30) + " " + "x" * 30 + " staart"
    view = build_week([day(MONDAY, 2, short, long)], MONDAY, CONTENT)
    html = html_of(render_week(view, "nl", TEXTS, CONTENT))
    assert escape(short) in html
    shortened = shorten(long, 200)
    assert escape(shortened) in html and "staart" not in html
    assert long.startswith(shortened.removesuffix("…"))


@given(st.lists(st.text("abcdeé", min_size=1, max_size=30), min_size=1, max_size=60))
def test_shorten_cuts_at_a_word_boundary_within_the_limit(words):
    text = " ".join(words)
    result = shorten(text, 80)
    assert len(result) <= 80
    if result == text:
        return
    body = result.removesuffix("…")
    assert result.endswith("…") and text.startswith(body)
    if " " in text[:80]:  # a single word longer than the limit is the one hard cut
        assert text[len(body)] == " "


def test_three_lenses_count_answers_and_show_different_quotes():
    days = [
        day(MONDAY, 1, "afstemming"),  # client, self
        day(MONDAY + timedelta(days=1), 3, "pad een", "pad twee"),  # path
        day(MONDAY + timedelta(days=2), 10, "gereedschap"),  # self
    ]
    view = build_week(days, MONDAY, CONTENT)
    lenses = {lens.lens: lens for lens in view.lenses}
    assert lenses["client"].count == 1 and lenses["client"].quote.text == "afstemming"
    assert lenses["self"].count == 2 and lenses["self"].quote.text == "gereedschap"
    assert lenses["path"].count == 2 and lenses["path"].quote.text == "pad twee"


def test_boundaries_signpost_answers_go_to_the_boundaries_section():
    days = [
        day(MONDAY, 8, "Ik zette mijn telefoon om zes uur uit.", boundaries=4),
        day(MONDAY + timedelta(days=1), 2, "Talent gezien.", boundaries=2),
    ]
    sections = render_week(build_week(days, MONDAY, CONTENT), "nl", TEXTS, CONTENT)
    titles = [s.title for s in sections]
    assert any("2 · Geloof" in title for title in titles)
    assert not any("8 · Bewaak" in title for title in titles)  # no group of its own
    boundaries = next(s.body for s in sections if "Je grenzen" in s.title)
    assert "telefoon" in boundaries and "gemiddeld 3,0/5" in boundaries
    assert "laagst op dinsdag (2)" in boundaries


@pytest.mark.parametrize(
    ("energy", "boundaries", "expected"),
    [
        ([2, 1, 2, 4, 5], [4] * 5, True),  # exactly three low energie days
        ([2, 1, 4, 4, 5], [4] * 5, False),  # two do not
        ([4] * 5, [3, 2, 2, 2, 5], True),  # grenzen counts as well
        ([2, 4, 4, 4, 5], [4, 2, 1, 4, 5], True),  # either scale, a day counts once
        ([2, 4, 4, 4, 5], [2, 1, 4, 4, 5], False),  # two days, low on both scales
        ([3] * 5, [3] * 5, False),
    ],
)
def test_low_scales_on_three_days_bring_a_gentle_line(energy, boundaries, expected):
    days = [
        day(MONDAY + timedelta(days=i), 4, energy=e, boundaries=b)
        for i, (e, b) in enumerate(zip(energy, boundaries, strict=True))
    ]
    view = build_week(days, MONDAY, CONTENT)
    assert needs_support(view) is expected
    for lang in LANGUAGES:
        html = html_of(render_week(view, lang, TEXTS, CONTENT, "Europe/Brussels"))
        assert all((line in html) is expected for line in ("106", "1813", "0800 32 123"))
        assert ("supervis" in html) is expected


# --- zoom out -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "before", "expected"),
    [
        (4.0, 3.4, "up"),
        (3.9, 3.4, "up"),
        (3.0, 3.4, "steady"),
        (2.9, 3.4, "down"),
        (None, 3.0, "unknown"),
        (3.0, None, "unknown"),
    ],
)
def test_direction_uses_a_half_point_step(current, before, expected):
    assert direction(current, before) == expected


def test_trends_compare_this_week_with_the_weeks_before():
    days = []
    for weeks_back, (energy, boundaries) in enumerate([(5, 3), (3, 3), (3, 4), (3, 5)]):
        monday = MONDAY - timedelta(weeks=weeks_back)
        days += [
            day(monday + timedelta(days=i), 1, energy=energy, boundaries=boundaries)
            for i in range(2)
        ]
    overview = build_overview(days, MONDAY, CONTENT, weeks=4)
    assert [w.energy for w in overview.weeks] == [3, 3, 3, 5]
    assert overview.energy.direction == "up" and overview.energy.before == 3
    assert overview.boundaries.direction == "down" and overview.boundaries.before == 4
    html = html_of(render_overview(overview, "nl", TEXTS))
    assert "iets hoger" in html and "iets lager" in html


def test_quiet_signposts_say_how_long_ago_and_unseen_ones_are_listed_apart():
    days = [day(MONDAY - timedelta(weeks=6), 7, "lang geleden")]
    days += [day(MONDAY + timedelta(days=i), n, "nu") for i, n in enumerate([1, 2, 3, 4])]
    overview = build_overview(days, MONDAY, CONTENT, weeks=4)
    assert not overview.since_start
    assert [(s.signpost, s.weeks_ago) for s in overview.quiet] == [(7, 6)]
    assert [s.signpost for s in overview.unseen] == [5, 6, 8, 9, 10]
    html = html_of(render_overview(overview, "nl", TEXTS))
    assert "Een tijd niet meer langs geweest: 7 Communicatie (6 weken geleden)." in html
    assert "Nog niet langs geweest: 5 Samen doen, 6 Verbinding, 8 Grenzen" in html


def test_the_period_starts_no_earlier_than_the_first_day():
    days = [day(MONDAY + timedelta(days=1), 2, "eerste week", energy=3, boundaries=4)]
    overview = build_overview(days, MONDAY, CONTENT, weeks=4)
    assert overview.since_start and overview.start == MONDAY and len(overview.weeks) == 1
    assert overview.baseline == (0.0,) * 10
    html = html_of(render_overview(overview, "en", TEXTS))
    assert "since you started on 2 March 2026 (1 week)" in html
    assert "0 answers" not in html


def test_the_suggestion_is_the_least_attended_signpost():
    days = [day(MONDAY - timedelta(days=i), n, "a") for i, n in enumerate(range(1, 11)) if n != 6]
    overview = build_overview(days, MONDAY, CONTENT, weeks=4)
    assert overview.suggestion.signpost == 6
    questions = CONTENT.signpost("nl", 6).questions
    assert overview.suggestion.question == 10 % len(questions)  # ISO week 10


def test_suggestion_ties_go_to_the_one_unseen_longest_then_the_lowest_number():
    assert build_overview([], MONDAY, CONTENT).suggestion.signpost == 1
    seen_all = [day(MONDAY - timedelta(weeks=10 + n), n, "ooit") for n in range(1, 11)]
    # All ten are quiet in the last four weeks; 10 was seen longest ago.
    assert build_overview(seen_all, MONDAY, CONTENT).suggestion.signpost == 10
    # Over all history each has one answer; 10 is still the one unseen longest.
    assert build_overview(seen_all, MONDAY, CONTENT, weeks=None).suggestion.signpost == 10


def test_recurring_words_drop_stop_words_numbers_and_short_words_in_both_languages():
    nl = [
        "Vandaag was het gesprek met de moeder moeilijk, maar het gesprek hielp.",
        "Gesprek! 2024 2024 18u 18u kan kan de de de",
        "Ik heb eigenlijk niet genoeg rust genomen; rust is nodig.",
    ]
    assert recurring_words(nl) == (("gesprek", 3), ("rust", 2))
    en = ["Today the conversation was hard, but the conversation helped. Really, really."]
    assert recurring_words(en) == (("conversation", 2),)
    many = ["alpha bravo charlie delta echo foxtrot " * 2 + "foxtrot"]
    assert recurring_words(many)[0] == ("foxtrot", 3)
    assert len(recurring_words(many)) == 5


def test_an_empty_history_gets_a_short_kind_verrekijker_in_both_languages():
    view = build_week([], MONDAY, CONTENT)
    overview = build_overview([], MONDAY, CONTENT, weeks=None)
    assert view.empty and overview.answers == 0 and overview.energy.direction == "unknown"
    for lang in LANGUAGES:
        sections = render_summary(view, overview, lang, TEXTS, CONTENT)
        assert len(sections) == 2  # a kind word, then next week's question
        html = html_of(sections)
        first = CONTENT.signpost(lang, 1)
        assert escape(first.title) in html
        assert escape(first.questions[overview.suggestion.question]) in html
        assert "{" not in html and len(caption(view, lang, TEXTS)) <= 1024


def test_a_year_of_history_renders_and_splits_in_both_languages():
    days = year_of_answers()
    view = build_week(days, MONDAY, CONTENT)
    for weeks in (4, None):
        overview = build_overview(days, MONDAY, CONTENT, weeks=weeks)
        assert len(overview.weeks) == (4 if weeks else 52)
        for lang in LANGUAGES:
            sections = render_summary(view, overview, lang, TEXTS, CONTENT)
            messages = split_messages(sections)
            assert all(0 < len(m) <= 4096 for m in messages)
            text = "\n\n".join(messages)
            assert "{" not in text and "}" not in text
            assert _TAGS.sub("", text).count("<") == 0  # only the tags we allow
    assert build_overview(days, MONDAY, CONTENT, weeks=None).baseline != (0.0,) * 10


def test_catalog_keys_are_the_same_in_both_languages():
    keys = {
        lang: {k for k in TEXTS.entries[lang] if k.startswith("verrekijker.")} for lang in LANGUAGES
    }
    assert keys["nl"] == keys["en"] and len(keys["nl"]) > 50
    for lang in LANGUAGES:
        short = TEXTS.entries[lang]["verrekijker.short"]
        assert isinstance(short, list) and len(short) == 10
        assert all(len(label) <= 12 for label in short)


# --- splitting ----------------------------------------------------------------------------

WORD = st.text("abcdefgé&", min_size=1, max_size=12).map(escape)
LINE = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
ITALIC = LINE.map(lambda line: f"<i>{line}</i>")
PARAGRAPH = st.lists(st.one_of(LINE, ITALIC), min_size=1, max_size=6).map("\n".join)
SECTION = st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join)


def _plain_words(text: str) -> list[str]:
    return _TAGS.sub("", text).split()


@pytest.mark.slow
@given(st.lists(SECTION, min_size=1, max_size=8), st.integers(60, 600))
def test_split_keeps_every_word_in_order_within_the_limit(sections, limit):
    messages = split_messages(sections, limit=limit)
    assert all(len(m) <= limit for m in messages)
    assert _plain_words(" ".join(messages)) == _plain_words(" ".join(sections))
    for m in messages:  # HTML stays whole: every tag closed in the message that opens it
        assert len(re.findall("<i>", m)) == len(re.findall("</i>", m))
        assert not re.search(r"&[#\w]*$", m) and not re.search(r"<[^>]*$", m)


@pytest.mark.slow
@given(st.lists(SECTION, min_size=1, max_size=8), st.integers(200, 600))
def test_a_section_that_fits_is_never_split(sections, limit):
    messages = split_messages(sections, limit=limit)
    for section in sections:
        if len(section) <= limit:
            assert any(section in m for m in messages)


def test_split_packs_sections_into_as_few_messages_as_fit():
    sections = [Section("<b>a</b>", "x" * 100), Section("<b>b</b>", "y" * 100)]
    assert split_messages(sections) == ["<b>a</b>\n" + "x" * 100 + "\n\n<b>b</b>\n" + "y" * 100]
    assert len(split_messages(sections, limit=150)) == 2
    assert split_messages([]) == []


def test_an_oversized_line_is_split_between_words_and_tags_reopened():
    line = "<i>" + " ".join(["woord"] * 40) + "</i>"
    messages = split_messages([line], limit=60)
    assert len(messages) > 1
    assert all(m.startswith("<i>") and m.endswith("</i>") and len(m) <= 60 for m in messages)
    assert _plain_words(" ".join(messages)) == ["woord"] * 40


# --- care in the week -----------------------------------------------------------------------

HEAVY = "Soms denk ik dat het beter is als ik er niet meer ben."


@pytest.mark.parametrize(
    ("energy", "expected"),
    [
        ([2, 1], True),  # a part-timer: two low days out of two
        ([2, 4], True),  # half of the scored days
        ([2, 4, 4], False),  # a third
        ([None, 2], True),  # one scored day, low
    ],
)
def test_the_support_rule_is_a_share_of_the_scored_days(energy, expected):
    days = [day(MONDAY + timedelta(days=i), 4, energy=e) for i, e in enumerate(energy)]
    assert needs_support(build_week(days, MONDAY, CONTENT)) is expected


def test_a_week_with_heavy_words_opens_with_care_and_never_quotes_them():
    days = [
        # As stored: the reader marked the check-in when the heavy words came in.
        replace(
            day(MONDAY, 8, HEAVY, "Een collega die luisterde.", energy=4, boundaries=4),
            care_mark="self",
        ),
        day(MONDAY + timedelta(days=1), 8, "Grenzen getrokken.", energy=4, boundaries=4),
    ]
    view = build_week(days, MONDAY, CONTENT)
    assert view.heavy and needs_support(view)
    sections = render_week(view, "nl", TEXTS, CONTENT, "Europe/Brussels")
    assert "heel zwaar" in sections[1].html and "1813" in sections[1].html  # care comes first
    html = html_of(sections)
    assert "er niet meer ben" not in html and "Een collega die luisterde" in html
    assert "Fijn dat" not in html


def test_a_checkin_marked_heavy_counts_even_when_its_words_were_edited_away():
    days = [ReflectionDay(MONDAY, 8, (), 4, 4, care_mark="self")]
    assert build_week(days, MONDAY, CONTENT).heavy


def test_no_praise_after_a_day_scored_one():
    days = [
        day(MONDAY + timedelta(days=i), 8, "Grenzen bewaakt.", energy=4, boundaries=b)
        for i, b in enumerate([4, 4, 1, 4, 4, 4])
    ]
    view = build_week(days, MONDAY, CONTENT)
    assert not needs_support(view)
    assert "Fijn dat" not in html_of(render_week(view, "nl", TEXTS, CONTENT, "Europe/Brussels"))
    calm = build_week(days[:2], MONDAY, CONTENT)
    assert "Fijn dat" in html_of(render_week(calm, "nl", TEXTS, CONTENT))
