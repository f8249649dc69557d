"""The care rule as plain functions, and the support text of the weekly verrekijker."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.care.helplines import helplines
from bot.care.rule import LADDER_PAUSE, ladder_due, low_scales
from bot.core.texts import Catalog
from bot.verrekijker import build_week, render_week
from prompts import load_content
from storage import ReflectionDay

TODAY = date(2026, 3, 6)
TEXTS = Catalog.load()
CONTENT = load_content()


def test_low_scales_name_the_low_one_and_skips_are_never_low():
    assert low_scales(2, 4) == {"energy"}
    assert low_scales(3, 1) == {"boundaries"}
    assert low_scales(1, 2) == {"energy", "boundaries"}
    assert low_scales(None, None) == set() and low_scales(3, 3) == set()


@pytest.mark.parametrize(
    ("recent", "expected"),
    [
        ([(2, 4), (4, 4), (3, 2), (1, 3), (4, 4)], True),  # three of five, newest low
        ([(2, 4), (4, 4), (3, 2), (4, 4), (4, 4)], False),  # two of five
        ([(4, 4), (2, 2), (1, 1), (2, 3), (4, 4)], False),  # today was fine: no ladder now
        ([(2, 4), (4, 4), (4, 4), (4, 4), (4, 4), (1, 1), (1, 1)], False),  # older ones don't count
        ([(2, None), (None, 2), (1, 5)], True),
        ([], False),
    ],
)
def test_the_ladder_follows_three_low_of_the_last_five(recent, expected):
    assert ladder_due(recent, None, TODAY) is expected


def test_a_one_brings_the_ladder_whatever_the_pause_or_the_stretch():
    assert ladder_due([(1, 4)], TODAY, TODAY)
    assert ladder_due([(4, 1), (4, 4), (4, 4)], TODAY - timedelta(days=1), TODAY)
    assert not ladder_due([(2, 4)], TODAY, TODAY)


def test_the_ladder_pauses_after_it_was_offered():
    low = [(2, 2)] * 5
    assert not ladder_due(low, TODAY, TODAY)
    assert not ladder_due(low, TODAY - LADDER_PAUSE + timedelta(days=1), TODAY)
    assert ladder_due(low, TODAY - LADDER_PAUSE, TODAY)


def test_countries_follow_the_timezone():
    book = helplines()
    assert book.country("Europe/Brussels") == "BE"
    assert book.country("Europe/Amsterdam") == "NL"
    assert book.country("Europe/London") == "GB" and book.country("Europe/Dublin") == "IE"
    assert book.country("Europe/Paris") is None and book.country(None) is None


def week_of(energy: list[int], boundaries: list[int]) -> list[ReflectionDay]:
    monday = date(2026, 3, 2)
    return [
        ReflectionDay(monday + timedelta(days=i), 8, (), e, b)
        for i, (e, b) in enumerate(zip(energy, boundaries, strict=True))
    ]


def test_low_energy_gets_support_under_its_own_heading_with_the_ladder():
    view = build_week(week_of([2, 1, 2, 4, 5], [4] * 5), date(2026, 3, 2), CONTENT)
    sections = render_week(view, "nl", TEXTS, CONTENT, "Europe/Amsterdam")
    boundaries = next(s.html for s in sections if "Je grenzen" in s.html)
    support = sections[-1].html
    assert "Steun onderweg" in support and "energie laag" in support
    assert "0800-0113" in support and "Tele-Onthaal" not in support and "huisarts" in support
    assert "0800-0113" not in boundaries and "Touwen" not in boundaries


def test_low_boundaries_keep_their_support_under_the_boundaries():
    view = build_week(week_of([4] * 5, [2, 2, 1, 4, 5]), date(2026, 3, 2), CONTENT)
    sections = render_week(view, "en", TEXTS, CONTENT, "Europe/Brussels")
    boundaries = sections[-1].html
    assert "Your boundaries" in boundaries and "Ropes and ladders" in boundaries
    assert "Tele-Onthaal" in boundaries and "0800-0113" not in boundaries
    assert not any("Support on the way" in s.html for s in sections)
