"""How the schedule holds up with many users: due-time maths, the due query, a fan-out.

    python benchmarks/schedule.py [--users 100000] [--due 1000]

Prints a table; figures and how they were taken are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path
from random import Random
from zoneinfo import ZoneInfo

from bot.core.clock import ManualClock
from bot.core.schedule import WORKDAYS, next_occurrence
from standin import StandIn
from standin.sandbox import Sandbox
from storage import Storage

ZONES = ["Europe/Brussels", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "UTC"]
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def bench_next_occurrence(count: int) -> float:
    """Microseconds per due-time computation."""
    rng = Random(1)
    zones = [ZoneInfo(z) for z in ZONES]
    cases = [
        (NOW + timedelta(minutes=rng.randrange(20000)), rng.choice(zones)) for _ in range(count)
    ]
    start = time.perf_counter()
    for after, zone in cases:
        next_occurrence(after, wall(16, 30), WORKDAYS, zone)
    return (time.perf_counter() - start) / count * 1e6


async def seed(storage: Storage, users: int, due: int) -> None:
    """Users spread over the week; `due` of them due right now."""
    rng = Random(2)
    async with storage.transaction():
        for user_id in range(1, users + 1):
            await storage.users.create(
                user_id=user_id,
                chat_id=user_id,
                language="nl",
                timezone="Europe/Brussels",
                checkin_time=wall(16, 30),
                days=WORKDAYS,
                onboarding_step="language",
                now=NOW,
            )
            moment = (
                NOW - timedelta(seconds=1)
                if user_id <= due
                else NOW + timedelta(minutes=rng.randrange(1, 7 * 24 * 60))
            )
            await storage.users.update(user_id, NOW, onboarding_step=None, next_due_at=moment)


async def bench_due_query(storage: Storage, repeats: int = 200) -> float:
    """Milliseconds for one read of up to 200 due users."""
    start = time.perf_counter()
    for _ in range(repeats):
        await storage.users.due(NOW, 200, "next_due_at")
    return (time.perf_counter() - start) / repeats * 1e3


async def bench_fanout(database: Path, due: int) -> tuple[float, float]:
    """Check-ins per second through the whole path over HTTP, and CPU ms per check-in."""
    clock = ManualClock(NOW)
    async with StandIn(now=lambda: clock.now().timestamp()) as api:
        for user_id in range(1, due + 1):
            api.user(user_id, "U")
        settings = Sandbox.settings_for(database, schedule_interval=300)
        async with Sandbox(settings, api, clock) as sandbox:
            cpu, wall_start = time.process_time(), time.perf_counter()
            sent = await sandbox.run_schedule()
            elapsed, cpu_used = time.perf_counter() - wall_start, time.process_time() - cpu
    assert sent == due, f"sent {sent} of {due}"
    return sent / elapsed, cpu_used / sent * 1e3


async def main(users: int, due: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        storage = await Storage.open(database)
        started = time.perf_counter()
        await seed(storage, users, due)
        seeded = time.perf_counter() - started
        due_ms = await bench_due_query(storage)
        await storage.close()
        rate, cpu_ms = await bench_fanout(database, due)
    micros = bench_next_occurrence(100_000)
    rows = [
        ("users in the database", f"{users:,}"),
        ("seeding (s, one transaction)", f"{seeded:.1f}"),
        ("next_occurrence (µs per call)", f"{micros:.1f}"),
        ("due query, 200 of them (ms)", f"{due_ms:.2f}"),
        (f"fan-out of {due:,} due check-ins (per s)", f"{rate:.0f}"),
        ("CPU per check-in, bot + stand-in (ms)", f"{cpu_ms:.2f}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()
    asyncio.run(main(args.users, args.due))
