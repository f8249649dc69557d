"""What an idle instance costs: memory with many registered users, and the time to first poll.

    python benchmarks/resources.py [--users 100000] [--runs 5] [--settle 20]
                                   [--database-url postgresql://user@host/db] [--code DIR]

--code runs the bot from another source tree (e.g. `git archive main | tar -x -C DIR`), to
compare against an earlier version on the same machine at the same time.

Seeds --users onboarded users (their next check-in, verrekijker and nudge scheduled, as in a
real database) through the storage API, then starts `python -m bot run` --runs times, polling
the Bot API stand-in in its own process, on a copy of the seeded database each time (SQLite)
or the same database (PostgreSQL: give an empty one; it is seeded once). Per run:

- time to first poll: from starting the process to the first getUpdates the stand-in sees
  (both read the system's monotonic clock);
- RSS: VmRSS from /proc/<pid>/status once it has idled for --settle seconds after that first
  poll (one schedule tick at the default SCHEDULE_INTERVAL=20), and its peak (VmHWM);
- the processes it started (none while idle: chart workers start at the first picture).

Prints each run and the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

from standin import DEFAULT_TOKEN, StandIn
from storage import Storage
from storage.url import DatabaseUrl

ROOT = Path(__file__).resolve().parents[1]
BATCH = 5_000


async def seed(database: DatabaseUrl, users: int) -> float:
    """Onboarded users with everything scheduled a day ahead: nothing is due while idling."""
    started = time.perf_counter()
    storage = await Storage.open(database)
    now = datetime.now(UTC)
    tomorrow = now + timedelta(days=1)
    try:
        for first in range(1, users + 1, BATCH):
            ids = range(first, min(first + BATCH, users + 1))
            async with storage.transaction():
                for user_id in ids:
                    await storage.users.create(
                        user_id=user_id,
                        chat_id=user_id,
                        language="nl",
                        timezone="Europe/Brussels",
                        checkin_time=wall(16, 30),
                        days=frozenset(range(5)),
                        onboarding_step="days",
                        now=now,
                    )
                    await storage.users.update(user_id, now, onboarding_step=None)
                for column in ("next_due_at", "next_verrekijker_at", "next_nudge_at"):
                    moments = [(user_id, tomorrow) for user_id in ids]
                    await storage.users.set_moments(column, moments, now)
    finally:
        await storage.close()
    return time.perf_counter() - started


async def standin(port: int) -> None:
    """In its own process: serve, say "ready", then the monotonic time of the first poll."""
    api = StandIn()
    await api.start(port=port)
    print("ready", flush=True)
    call = await api.wait_for(lambda c: c.method == "getUpdates", timeout=600)
    print(f"poll {call.received!r}", flush=True)
    await asyncio.Event().wait()  # until terminated


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


async def one_run(database: DatabaseUrl, settle: float, folder: Path, code: Path) -> dict:
    port = _free_port()
    api = await asyncio.create_subprocess_exec(
        *(sys.executable, str(Path(__file__).resolve()), "--standin", str(port)),
        stdout=asyncio.subprocess.PIPE,
    )
    assert api.stdout is not None
    assert (await api.stdout.readline()).strip() == b"ready"
    keep = ("PATH", "HOME", "LANG", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env |= {
        "PYTHONPATH": str(code),
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}/bot",
        "DATABASE_URL": database.dsn or f"sqlite:///{database.path}",
        "LOG_LEVEL": "WARNING",
    }
    load = os.getloadavg()[0]
    started = time.monotonic()
    bot = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run"),
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        line = (await asyncio.wait_for(api.stdout.readline(), timeout=120)).decode()
        assert line.startswith("poll "), line
        first_poll = float(line.split()[1]) - started
        await asyncio.sleep(settle)
        memory = status(bot.pid)
        started_processes = [_command(pid) for pid in children(bot.pid)]
    finally:
        bot.terminate()
        _, stderr = await bot.communicate()
        api.terminate()
        await api.wait()
    assert bot.returncode == 0, stderr.decode()
    return {
        "first_poll_s": first_poll,
        "rss_mb": memory["VmRSS"] / 1024,
        "peak_mb": memory["VmHWM"] / 1024,
        "children": started_processes,
        "load": load,
    }


def _command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")[:60]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def main(
    users: int, runs: int, settle: float, url: str | None, codes: list[Path], seeded: bool
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = DatabaseUrl.parse(url) if url else DatabaseUrl.sqlite(folder / "seed.sqlite3")
        if seeded:
            print(f"{source.engine}: as seeded before; {runs} runs", flush=True)
        else:
            seconds = await seed(source, users)
            print(f"{source.engine}: seeded {users} users in {seconds:.0f} s; {runs} runs")
        results: dict[Path, list[dict]] = {code: [] for code in codes}
        for run in range(runs):
            for code in codes:  # in turn, so a neighbour's load falls on each alike
                database = source
                if source.engine == "sqlite":  # a fresh copy: each run starts from the same file
                    assert source.path is not None
                    copy = folder / "run.sqlite3"
                    shutil.copyfile(source.path, copy)
                    database = DatabaseUrl.sqlite(copy)
                result = await one_run(database, settle, folder, code)
                results[code].append(result)
                print(
                    f"{code} run {run + 1}: first poll {result['first_poll_s']:.2f} s, RSS"
                    f" {result['rss_mb']:.1f} MB (peak {result['peak_mb']:.1f}),"
                    f" child processes {result['children']}, load {result['load']:.2f}",
                    flush=True,
                )
        for code, done in results.items():
            first = [r["first_poll_s"] for r in done]
            rss = [r["rss_mb"] for r in done]
            print(
                f"{code} median: first poll {statistics.median(first):.2f} s"
                f" (range {min(first):.2f}–{max(first):.2f}), RSS {statistics.median(rss):.1f} MB"
                f" (range {min(rss):.1f}–{max(rss):.1f})"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=20.0)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--code", type=Path, nargs="+", default=[ROOT])
    parser.add_argument(
        "--seeded", action="store_true", help="--database-url already holds the users (copy-db)"
    )
    parser.add_argument("--standin", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.standin:
        asyncio.run(standin(args.standin))
    else:
        options = (args.users, args.runs, args.settle, args.database_url, args.code, args.seeded)
        asyncio.run(main(*options))
