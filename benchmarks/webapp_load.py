"""One heavy Mini App user against everyone else's bot: /help latency while they hammer.

    PTB_TIMEDELTA=true python benchmarks/webapp_load.py [--answers 5000] [--rounds 20]

The real bot (the Sandbox: the Application polling the stand-in, SQLite) with its Mini App.
Ann has `--answers` answers (two a day, both scales: 5,000 is ten years of daily check-ins),
stored in bulk. Measured: the size and time of her "since the start" view alone, then Bob's
/help round trip (through the stand-in) while Ann replays one signed launch 20 times at once,
round after round, and the statuses she got.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.core.clock import ManualClock
from bot.webapp.init_data import for_user
from bot.webapp.lifecycle import webapp_port
from standin import StandIn
from standin.sandbox import Sandbox
from tests.helpers import World, onboard
from tests.webapp.test_load import ANN, BOB, _ann_with_history

NOW = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)


async def main(answers: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with StandIn() as api:
            settings = Sandbox.settings_for(
                Path(folder) / "load.sqlite3",
                schedule_interval=300,
                webapp_url="https://sherpa.test/verrekijker/",
                webapp_port=0,
            )
            clock = ManualClock(NOW)
            bot = Sandbox(settings, api, clock)
            await bot.start()
            world = World(api, bot, clock, settings.database)
            try:
                await run(world, answers, rounds)
            finally:
                await bot.stop()


async def run(world: World, answers: int, rounds: int) -> None:
    bob = world.api.user(BOB, "Bob")
    await onboard(world, bob)
    await _ann_with_history(world, answers)
    url = f"http://127.0.0.1:{webapp_port(world.bot.application)}/verrekijker/data?level=all"

    def launch() -> str:
        return for_user(ANN, world.api.token, now=time.time(), first_name="Ann", lang="nl")

    async with aiohttp.ClientSession() as http:
        started = time.perf_counter()
        async with http.get(url, headers={"Authorization": "tma " + launch()}) as response:
            body = await response.read()
        alone = (time.perf_counter() - started) * 1000
        print(f"{answers} answers; since the start alone: {len(body):,} bytes in {alone:.0f} ms")

        statuses: Counter[int] = Counter()
        stop = asyncio.Event()

        async def one(signed: str) -> None:
            async with http.get(url, headers={"Authorization": "tma " + signed}) as response:
                await response.read()
                statuses[response.status] += 1

        async def hammer() -> None:
            while not stop.is_set():
                signed = launch()
                await asyncio.gather(*(one(signed) for _ in range(20)))

        task = asyncio.create_task(hammer())
        await asyncio.sleep(0.5)
        latencies = []
        for _ in range(rounds):
            count = len(world.api.messages(bob))
            began = time.perf_counter()
            world.api.send_text(bob, "/help")
            await world.api.wait_for_messages(bob, count + 1, timeout=60)
            latencies.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(0.05)
        stop.set()
        await task
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, round(0.99 * len(latencies)))]
    print(
        f"Bob's /help while Ann hammers, {len(latencies)} times: median"
        f" {statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms, max {latencies[-1]:.0f} ms"
    )
    print(f"Ann's requests by status: {dict(sorted(statuses.items()))}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.answers, arguments.rounds))
