"""The Mini App's zoom levels: pure functions over reflection days, and their JSON."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.texts import Catalog
from bot.verrekijker import build_overview, build_week
from bot.webapp.payload import page_texts, view_json
from bot.webapp.periods import LEVELS, build_period
from prompts import load_content
from storage import AnsweredQuestion, ReflectionDay

CONTENT = load_content()
TEXTS = Catalog.load()
START = date(2026, 1, 5)  # a Monday, ISO week 2
TODAY = date(2026, 3, 4)  # a Wednesday, week 10


def day(d: date, signpost: int, *answers: str, energy: int | None = None) -> ReflectionDay:
    asked = tuple(AnsweredQuestion(f"Vraag {i}?", (a,)) for i, a in enumerate(answers))
    return ReflectionDay(d, signpost, asked, energy, energy)


def weeks_of_history() -> list[ReflectionDay]:
    """Weekdays from START to TODAY, signposts in turn, one or two answers and a scale."""
    days, d, n = [], START, 0
    while d <= TODAY:
        if d.weekday() < 5:
            answers = [f"antwoord {d.isoformat()}"] * (1 + n % 2)
            days.append(day(d, n % 10 + 1, *answers, energy=n % 5 + 1))
            n += 1
        d += timedelta(days=1)
    return days


def test_the_week_level_is_the_verrekijkers_week():
    history = weeks_of_history()
    monday = date(2026, 2, 16)
    view = build_period(history, "week", monday + timedelta(days=3), TODAY, CONTENT)
    week = build_week(history, monday, CONTENT)
    assert (view.first, view.last) == (week.start, week.end)
    assert view.attention == week.attention
    assert view.lenses == week.lenses
    # The outline is the picture's: the weeks before within the four-week zoom-out.
    assert view.baseline == build_overview(history, monday, CONTENT).baseline
    assert [(p.energy, p.boundaries) for p in view.points] == [
        (s.energy, s.boundaries) for s in week.scales
    ]


def test_moving_through_time_stops_at_the_start_and_at_today():
    history = weeks_of_history()
    this_week = build_period(history, "week", TODAY, TODAY, CONTENT)
    assert this_week.next is None and this_week.previous == TODAY - timedelta(weeks=1)
    first_week = build_period(history, "week", START, TODAY, CONTENT)
    assert first_week.previous is None and first_week.baseline == (0.0,) * 10
    season = build_period(history, "season", TODAY, TODAY, CONTENT)
    assert season.first == START  # never before the first week
    assert season.previous is None and season.next is None
    four = build_period(history, "weeks", TODAY, TODAY, CONTENT)
    assert (four.last - four.first).days == 27 and four.previous == TODAY - timedelta(weeks=4)
    everything = build_period(history, "all", TODAY, TODAY, CONTENT)
    assert (everything.first, everything.previous, everything.next) == (START, None, None)
    assert sum(everything.attention) == sum(len(d.questions) for d in history)


def test_the_day_level_shows_one_reflection_day_and_steps_between_them():
    history = weeks_of_history()
    saturday = date(2026, 2, 21)
    view = build_period(history, "day", saturday, TODAY, CONTENT)
    assert view.first == view.last == date(2026, 2, 20)  # the Friday before: the latest day
    assert view.previous == date(2026, 2, 19) and view.next == date(2026, 2, 23)
    assert [q.text for q in view.quotes] == [f"antwoord {view.first.isoformat()}"] * len(
        view.quotes
    )
    assert len(view.points) == 1


def test_far_out_the_scales_are_weekly_means():
    history = weeks_of_history()
    season = build_period(history, "season", TODAY, TODAY, CONTENT)
    assert all((p.end - p.start).days == 6 for p in season.points)
    assert season.points[0].start == START
    first_week = [d.energy for d in history if d.local_date < START + timedelta(days=7)]
    assert season.points[0].energy == sum(first_week) / len(first_week)  # type: ignore[arg-type]


def test_the_future_counts_as_today_and_no_later_answer_leaks_in():
    history = [*weeks_of_history(), day(TODAY + timedelta(days=1), 3, "morgen")]
    view = build_period(history, "all", TODAY + timedelta(weeks=5), TODAY, CONTENT)
    assert "morgen" not in [q.text for q in view.quotes]


def test_the_json_carries_the_texts_in_the_users_language_and_only_the_periods_words():
    history = weeks_of_history()
    for lang in ("nl", "en"):
        view = build_period(history, "week", TODAY, TODAY, CONTENT)
        body = view_json(view, TEXTS, lang, CONTENT)
        assert {q["text"] for q in body["quotes"]} == {
            f"antwoord {d.local_date.isoformat()}" for d in history if d.local_date >= view.first
        }
        assert len(body["signposts"]) == 10 and len(body["lenses"]) == 3
        assert all("<" not in lens["name"] for lens in body["lenses"])  # plain text, no tags
        assert body["signposts"][0]["label"] == TEXTS.entries[lang]["verrekijker.short"][0]
    assert page_texts(TEXTS, "nl")["zoom_in"] != page_texts(TEXTS, "en")["zoom_in"]


def test_every_level_builds_for_an_empty_history():
    for level in LEVELS:
        view = build_period([], level, TODAY, TODAY, CONTENT)
        assert view.quotes == () and view.previous is None and view.next is None
