"""How fast the verrekijker is for one user with a year of answers: text and picture.

    python benchmarks/verrekijker.py [--runs 15]

Prints a table of medians; the bot renders the summary once a week per user.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from random import Random

from bot.texts import Catalog
from bot.verrekijker import build_overview, build_week, render_summary, split_messages
from bot.verrekijker.chart import render_chart
from prompts import Content, load_content
from storage import AnsweredQuestion, ReflectionDay

MONDAY = date(2026, 3, 2)
_WORDS = """vandaag gesprek moeder jongere grens tempo netwerk team collega rust plan huisbezoek
luisteren samen afspraak twijfel energie stilte humor vertrouwen"""
WORDS = _WORDS.split()


def a_year(content: Content) -> list[ReflectionDay]:
    """52 weeks, five days a week, two answers a day of 5–40 words, and both scales."""
    rng = Random(1)
    days = []
    for week in range(52):
        for weekday in range(5):
            d = MONDAY - timedelta(weeks=51 - week) + timedelta(days=weekday)
            signpost = rng.randint(1, 10)
            questions = content.signpost("nl", signpost).questions
            asked = tuple(
                AnsweredQuestion(
                    questions[i], (" ".join(rng.choices(WORDS, k=rng.randint(5, 40))),)
                )
                for i in range(2)
            )
            days.append(ReflectionDay(d, signpost, asked, rng.randint(1, 5), rng.randint(1, 5)))
    return days


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Time the text pipeline and the chart, and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    content, texts = load_content(), Catalog.load()
    days = a_year(content)

    def text(weeks: int | None) -> Callable[[], list[str]]:
        def run() -> list[str]:
            view = build_week(days, MONDAY, content)
            overview = build_overview(days, MONDAY, content, weeks=weeks)
            return split_messages(render_summary(view, overview, "nl", texts, content))

        return run

    week = build_week(days, MONDAY, content)
    baseline = build_overview(days, MONDAY, content).baseline
    rows = [
        ("build_week", median_ms(lambda: build_week(days, MONDAY, content), runs)),
        ("build_overview, 4 weeks", median_ms(lambda: build_overview(days, MONDAY, content), runs)),
        ("text, last 4 weeks (build + render + split)", median_ms(text(4), runs)),
        ("text, since the start (52 weeks)", median_ms(text(None), runs)),
        (
            "render_chart (PNG 1080×1350)",
            median_ms(lambda: render_chart(week, baseline, "nl", texts), runs),
        ),
    ]
    print(
        f"{len(days)} days, {sum(len(q.answers) for d in days for q in d.questions)} answers, "
        f"median of {runs} runs"
    )
    print(f"| {'measure':<46} | {'ms':>8} |\n|{'-' * 48}|{'-' * 10}|")
    for name, ms in rows:
        print(f"| {name:<46} | {ms:8.2f} |")


if __name__ == "__main__":
    main()
