"""How fast the verrekijker is for one user with a year of answers: text and picture.

    python benchmarks/verrekijker.py [--runs 15]

Prints a table of medians; the bot renders the summary once a week per user.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall
from pathlib import Path
from random import Random

from bot.core.texts import Catalog
from bot.verrekijker import build_overview, build_week, render_summary, split_messages
from bot.verrekijker.chart import render_chart
from prompts import Content, load_content
from storage import AnsweredQuestion, NewStep, ReflectionDay, Storage

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


async def stored_year(days: list[ReflectionDay], folder: Path) -> tuple[Storage, int]:
    """The same year written through the storage API, as the bot would have stored it."""
    storage = await Storage.open(folder / "bench.sqlite3")
    now = datetime(2026, 3, 6, tzinfo=UTC)
    await storage.users.create(
        user_id=1,
        chat_id=1,
        language="nl",
        timezone="Europe/Brussels",
        checkin_time=wall(16, 30),
        days=frozenset(range(5)),
        onboarding_step="done",
        now=now,
    )
    message = 0
    for day in days:
        steps = [NewStep("question", f"s1.q-{i}", q.question) for i, q in enumerate(day.questions)]
        checkin = await storage.checkins.create(
            user_id=1,
            local_date=day.local_date,
            signpost=day.signpost,
            prompt_id="s1.p-0",
            prompt_text="Een prompt",
            trigger="scheduled",
            steps=[*steps, NewStep("energy"), NewStep("boundaries")],
            now=now,
        )
        assert checkin is not None
        for question in day.questions:
            step = await storage.checkins.open_next_step(checkin.id, now)
            message += 1
            await storage.checkins.add_answer(
                step=step, message_id=message, text=question.answers[0], now=now
            )
        for score in (day.energy, day.boundaries):
            step = await storage.checkins.open_next_step(checkin.id, now)
            await storage.checkins.close_step(step.id, state="answered", score=score, now=now)
    return storage, message


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
    with tempfile.TemporaryDirectory() as folder:
        rows.insert(
            0, ("load a year from SQLite (history query)", asyncio.run(_load(days, folder, runs)))
        )
    print(
        f"{len(days)} days, {sum(len(q.answers) for d in days for q in d.questions)} answers, "
        f"median of {runs} runs"
    )
    print(f"| {'measure':<46} | {'ms':>8} |\n|{'-' * 48}|{'-' * 10}|")
    for name, ms in rows:
        print(f"| {name:<46} | {ms:8.2f} |")


async def _load(days: list[ReflectionDay], folder: str, runs: int) -> float:
    storage, _ = await stored_year(days, Path(folder))
    try:
        loaded = await storage.history.history(1)
        assert len(loaded) == len(days)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            await storage.history.history(1)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)
    finally:
        await storage.close()


if __name__ == "__main__":
    main()
