"""The verrekijker's picture: valid, deterministic PNG of the designed size, for any week."""

from __future__ import annotations

import struct
from datetime import timedelta

import pytest

from bot.core.texts import LANGUAGES
from bot.verrekijker import build_overview, build_week
from bot.verrekijker.chart import HEIGHT, WIDTH, render_chart
from tests.unit.test_verrekijker import CONTENT, MONDAY, TEXTS, day, year_of_answers

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_week_renders_a_png_of_the_designed_size(lang):
    week = build_week([], MONDAY, CONTENT)
    data = render_chart(week, [0.0] * 10, lang, TEXTS)
    assert png_size(data) == (WIDTH, HEIGHT)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_year_of_history_renders_the_same_bytes_twice(lang):
    days = year_of_answers()
    week = build_week(days, MONDAY, CONTENT)
    baseline = build_overview(days, MONDAY, CONTENT, weeks=None).baseline
    first = render_chart(week, baseline, lang, TEXTS)
    assert png_size(first) == (WIDTH, HEIGHT)
    assert render_chart(week, baseline, lang, TEXTS) == first  # no timestamps in metadata
    assert b"Software" not in first and b"matplotlib" not in first


def test_a_single_day_and_a_busy_signpost_render():
    days = [day(MONDAY + timedelta(days=2), 3, *["a"] * 12, energy=1, boundaries=None)]
    week = build_week(days, MONDAY, CONTENT)
    assert png_size(render_chart(week, [0.5] * 10, "nl", TEXTS)) == (WIDTH, HEIGHT)


def test_the_baseline_needs_ten_values():
    with pytest.raises(ValueError, match="10 values"):
        render_chart(build_week([], MONDAY, CONTENT), [1.0] * 9, "en", TEXTS)
