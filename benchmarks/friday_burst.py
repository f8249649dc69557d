"""A Friday 17:00 burst: N verrekijker pictures due at once, one thread versus the chart pool.

    python benchmarks/friday_burst.py [--pictures 1000] [--runs 2] [--workers 1 2]

Every configuration draws the same N pictures (weeks of a year of answers, in both
languages), with as many in flight as the outbox delivers at once (OUTBOX_CONCURRENCY, 16).
"thread" is the bot before the pool: render_chart in a one-thread executor. "pool N" is the
ChartPool with N worker processes, started cold (the workers start at the first picture, as
in the bot). Also measured: the event loop's lag while the burst draws (a 10 ms ticker), which
is what the bot's other users feel. The load average is printed with each run: the machine
may be shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from benchmarks.verrekijker import MONDAY, a_year
from bot.core.texts import Catalog
from bot.verrekijker import WeekView, build_overview, build_week
from bot.verrekijker.pool import ChartPool, usable_cores
from prompts import load_content

IN_FLIGHT = 16  # OUTBOX_CONCURRENCY's default: how many verrekijkers the outbox sends at once
TICK = 0.010

Job = tuple[WeekView, tuple[float, ...], str]


def jobs(count: int) -> list[Job]:
    """`count` users' weeks: the 52 weeks of a year, in Dutch and English, round and round."""
    content = load_content()
    days = a_year(content)
    weeks = []
    for back in range(52):
        monday = MONDAY - timedelta(weeks=back)
        baseline = tuple(build_overview(days, monday, content).baseline)
        weeks.append((build_week(days, monday, content), baseline))
    return [(*weeks[i % 52], ("nl", "en")[i // 52 % 2]) for i in range(count)]


async def _lag(stop: asyncio.Event, lags: list[float]) -> None:
    while not stop.is_set():
        start = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(time.perf_counter() - start - TICK)


async def burst(name: str, workers: int | None, todo: list[Job], texts: Catalog) -> dict:
    """Draw every picture of `todo`, IN_FLIGHT at a time; total time, rate, loop lag."""
    slots = asyncio.Semaphore(IN_FLIGHT)
    loop = asyncio.get_running_loop()
    thread = ThreadPoolExecutor(max_workers=1) if workers is None else None
    pool = ChartPool(texts, workers) if workers is not None else None
    first: list[float] = []

    async def draw(job: Job) -> int:
        week, baseline, lang = job
        async with slots:
            if pool is not None:
                png = await pool.render(week, baseline, lang)
            else:
                from bot.verrekijker.chart import render_chart

                png = await loop.run_in_executor(thread, render_chart, week, baseline, lang, texts)
        first.append(time.perf_counter())
        return len(png)

    stop, lags = asyncio.Event(), []
    ticker = asyncio.create_task(_lag(stop, lags))
    load = os.getloadavg()[0]
    cpu, started = time.process_time(), time.perf_counter()
    sizes = await asyncio.gather(*(draw(job) for job in todo))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    stop.set()
    await ticker
    if pool is not None:
        pool.close()
    if thread is not None:
        thread.shutdown()
    assert all(sizes) and len(sizes) == len(todo)
    lags.sort()
    return {
        "name": name,
        "seconds": elapsed,
        "per_second": len(todo) / elapsed,
        "first": min(first) - started,
        "lag_p99_ms": lags[int(len(lags) * 0.99)] * 1000,
        "lag_max_ms": lags[-1] * 1000,
        "bot_cpu_s": cpu,
        "load": f"{load:.2f} → {os.getloadavg()[0]:.2f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    texts, todo = Catalog.load(), jobs(args.pictures)
    configurations: list[tuple[str, int | None]] = [("thread (before)", None)]
    configurations += [(f"pool {n}", n) for n in args.workers]
    print(f"{args.pictures} pictures, {IN_FLIGHT} in flight, {usable_cores()} usable cores")
    results: dict[str, list[dict]] = {name: [] for name, _ in configurations}
    for run in range(args.runs):
        # Alternate the order, so a neighbour's load does not always fall on the same one.
        order = configurations if run % 2 == 0 else configurations[::-1]
        for name, workers in order:
            result = asyncio.run(burst(name, workers, todo, texts))
            results[name].append(result)
            print(
                f"run {run + 1} {name:<16} {result['seconds']:7.1f} s {result['per_second']:6.2f}/s"
                f"  first {result['first']:.2f} s  lag p99 {result['lag_p99_ms']:.1f} ms"
                f"  max {result['lag_max_ms']:.0f} ms  bot CPU {result['bot_cpu_s']:.1f} s"
                f"  load {result['load']}",
                flush=True,
            )
    print("\n| configuration | total s (median) | pictures/s | loop lag p99 ms | bot CPU s |")
    print("|---|---|---|---|---|")
    for name, runs in results.items():

        def median(key: str, runs: list[dict] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(
            f"| {name} | {median('seconds'):.1f} | {median('per_second'):.2f} |"
            f" {median('lag_p99_ms'):.1f} | {median('bot_cpu_s'):.1f} |"
        )


if __name__ == "__main__":
    main()
