"""How fast the verrekijker's Mini App opens for a user-year of history, in headless Chromium.

    PTB_TIMEDELTA=true python benchmarks/webapp.py [--runs 10]

A year of check-ins (260 days, two answers and both scales each, as benchmarks/verrekijker.py
stores them) in SQLite; the Mini App's own server on a free port, as the bot runs it.
1. Load time in Debian's headless Chromium at phone size (360 × 740): from navigation start
   to the first chart drawn (app.js sets the performance mark 'sherpa-first-chart'), for the
   default week view and for 'since the start'. The first, cold, navigation is shown apart.
2. The data endpoint's server time: the whole request over loopback HTTP, and the read plus
   the view alone (user_view), per zoom level.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from bot.app import build_services
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.webapp.data import MiniApp, user_view
from bot.webapp.init_data import for_user, validate
from bot.webapp.periods import LEVELS
from bot.webapp.server import WebappServer, webapp_app
from prompts import load_content

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.verrekijker import a_year, stored_year
from tests.webapp.browser import LIGHT, chromium, launch_url

TOKEN = "123456:BENCHMARK-token"
NOW = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)  # the Friday of the last week of the year


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms"


def fresh_launch(run: int) -> str:
    """A launch of its own per run: one replayed launch is limited to a small rate."""
    return for_user(1, TOKEN, now=time.time() - run, lang="nl")


def browser_runs(page: str, level: str, runs: int) -> tuple[float, list[float]]:
    """(cold, warm runs): ms from navigation start to the first chart drawn."""
    times = []
    with chromium() as driver:
        for run in range(runs + 1):
            driver.get("about:blank")
            driver.get(launch_url(f"{page}?level={level}", fresh_launch(run), LIGHT))
            started = time.monotonic()
            while True:
                mark = driver.execute_script(
                    "const m = performance.getEntriesByName('sherpa-first-chart');"
                    "return m.length ? m[0].startTime : null;"
                )
                if mark is not None:
                    break
                if time.monotonic() - started > 20:
                    raise RuntimeError("the page drew no chart in 20 s")
                time.sleep(0.01)
            state = driver.execute_script("return document.body.dataset.state")
            assert state == "ready", state
            times.append(float(mark))
    return times[0], times[1:]


async def server_times(page: str, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    async with aiohttp.ClientSession() as http:
        for level in LEVELS:
            times = []
            for run in range(runs + 1):
                headers = {"Authorization": "tma " + fresh_launch(run)}
                start = time.perf_counter()
                async with http.get(f"{page}data?level={level}", headers=headers) as response:
                    assert response.status == 200
                    await response.read()
                times.append((time.perf_counter() - start) * 1000)
            found[level] = times[1:]
    return found


async def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        days = a_year(load_content())
        storage, answers = await stored_year(days, Path(folder))
        settings = Settings(_env_file=None, database_path=Path(folder) / "bench.sqlite3")  # type: ignore[call-arg]
        mini_app = MiniApp.bound(build_services(settings, storage, ManualClock(NOW)))
        server = WebappServer(webapp_app(mini_app, TOKEN, "/verrekijker/", 3600), "127.0.0.1", 0)
        port = await server.start()
        page = f"http://127.0.0.1:{port}/verrekijker/"
        init_data = for_user(1, TOKEN, now=time.time(), lang="nl")
        try:
            print(f"{len(days)} check-ins, {answers} answers; {runs} runs after one warm-up")
            print("\nHeadless Chromium, 360 × 740: navigation start → first chart drawn")
            for level in ("week", "all"):
                cold, warm = await asyncio.to_thread(browser_runs, page, level, runs)
                print(f"  {level:<6} cold {cold:7.1f} ms   warm {summary(warm)}")
            print("\nData endpoint over loopback HTTP (validation, read, view, JSON)")
            for level, times in (await server_times(page, runs)).items():
                print(f"  {level:<6} {summary(times)}")
            print("\nRead and view alone (user_view)")
            signed = validate(init_data, TOKEN, now=time.time())
            for level in LEVELS:
                times = []
                for _ in range(runs + 1):
                    start = time.perf_counter()
                    await user_view(mini_app, signed, level, None)
                    times.append((time.perf_counter() - start) * 1000)
                print(f"  {level:<6} {summary(times[1:])}")
        finally:
            await server.stop()
            await storage.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    asyncio.run(main(parser.parse_args().runs))
