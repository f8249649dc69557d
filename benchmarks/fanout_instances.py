"""Fan-out of due check-ins by real `python -m bot run --webhook` processes, over real HTTP to
the Bot API stand-in (in its own process, limiting at Telegram's bulk rate).

    PTB_TIMEDELTA=true python benchmarks/fanout_instances.py [--users 10000] [--limit 30]
        [--runs sqlite,postgresql,kill] [--pg-admin postgresql://user@host:port/postgres]

Runs: `sqlite` one instance on a SQLite file; `postgresql` two instances on one PostgreSQL
database; `kill` two on PostgreSQL, one SIGKILLed once a third has gone out. OUTBOX_RATE is
set to the limit, so the instances together must stay at it. Without --pg-admin a PostgreSQL
server is started for the run (tests/postgres_server.py: initdb + pg_ctl).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from benchmarks.fanout import free_port, start_standin, stop_standin
from standin import DEFAULT_TOKEN
from storage import DatabaseUrl, Storage

ROOT = Path(__file__).resolve().parents[1]
CONCURRENCY = 16


async def seed(url: DatabaseUrl, users: int, now: datetime) -> None:
    """Users whose check-in fell due a few seconds ago, written in batches."""
    storage = await Storage.open(url)
    for first in range(1, users + 1, 500):
        async with storage.transaction():
            for user_id in range(first, min(first + 500, users + 1)):
                await storage.users.create(
                    user_id=user_id,
                    chat_id=user_id,
                    language="nl",
                    timezone="Europe/Brussels",
                    checkin_time=wall(16, 30),
                    days=frozenset(range(7)),
                    onboarding_step="days",
                    now=now,
                )
                await storage.users.update(
                    user_id, now, onboarding_step=None, next_due_at=now - timedelta(seconds=5)
                )
    await storage.close()


def start_instance(url: DatabaseUrl, base_url: str, limit: float, log: Path):
    """One `python -m bot run --webhook` on its own port."""
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "OUTBOX_", "WEBHOOK_", "DATABASE_"))
        },
        "PYTHONPATH": str(ROOT),
        "PTB_TIMEDELTA": "true",
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "OUTBOX_RATE": str(limit),
        "OUTBOX_CONCURRENCY": str(CONCURRENCY),
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "WEBHOOK_SECRET": "a-secret-of-sufficient-length_42",
        "WEBHOOK_PORT": str(port),
        **(
            {"DATABASE_PATH": str(url.path)}
            if url.engine == "sqlite"
            else {"DATABASE_URL": url.dsn or ""}
        ),
    }
    return asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", "--webhook"),
        cwd=log.parent,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


async def fan_out(url: DatabaseUrl, users: int, limit: float, instances: int, kill: bool) -> dict:
    """Seed, start the stand-in and the instances, wait until every item is settled."""
    folder = Path(tempfile.mkdtemp(prefix="fanout-"))
    await seed(url, users, datetime.now(UTC))
    standin, base_url = await start_standin(users, limit)
    load_before = os.getloadavg()
    processes = [
        await start_instance(url, base_url, limit, folder / f"instance{i}.log")
        for i in range(instances)
    ]
    storage = await Storage.open(url)
    killed_at_sent = None
    started = time.monotonic()
    deadline = started + users / limit * 1.5 + 120
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(1.0)
            counts = (await storage.outbox.health()).counts
            done = counts.get("sent", 0) + counts.get("dropped", 0) + counts.get("failed", 0)
            if kill and killed_at_sent is None and counts.get("sent", 0) >= users // 3:
                processes[0].send_signal(signal.SIGKILL)
                await processes[0].wait()
                killed_at_sent = counts.get("sent", 0)
            if done >= users:
                break
        await asyncio.sleep(2.0)  # a schedule tick more: nothing else may follow
        health = await storage.outbox.health()
    finally:
        await storage.close()
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(p.wait(), 60) for p in processes]
    stats = await stop_standin(standin)
    span = stats["last"] - stats["first"] if stats["sent"] > 1 else 0.0
    logs = "".join((folder / f"instance{i}.log").read_text() for i in range(instances))
    return {
        "users": users,
        "instances": instances,
        "engine": url.engine,
        "sent": stats["sent"],
        "outbox": health.counts,
        "span_s": round(span, 1),
        "rate_over_limit": round((stats["sent"] - 1) / span / limit, 3) if span else 0.0,
        "busiest_second": stats["busiest_second"],
        "429s": stats["too_many_requests"],
        "ignored_retry_after": stats["ignored_retry_after"],
        "duplicates": stats["duplicates"],
        "killed_at_sent": killed_at_sent,
        "taken_back_logged": logs.count("took back"),
        "exit_codes": codes,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }


@contextmanager
def postgres(admin: str | None) -> Iterator[str]:
    """An admin URL: the one given, or a server started for this run."""
    if admin:
        yield admin
        return
    sys.path.insert(0, str(ROOT))
    from tests.postgres_server import PostgresServer

    server = PostgresServer.start()
    try:
        yield server.dsn()
    finally:
        server.stop()


def new_database(admin: str) -> DatabaseUrl:
    name = "fanout_" + uuid.uuid4().hex[:8]
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return DatabaseUrl.parse(urlunsplit(urlsplit(admin)._replace(path=f"/{name}")))


async def main(users: int, limit: float, runs: list[str], admin: str | None) -> None:
    results = []
    if "sqlite" in runs:
        with tempfile.TemporaryDirectory() as folder:
            url = DatabaseUrl.sqlite(Path(folder) / "fanout.sqlite3")
            measured = await fan_out(url, users, limit, 1, False)
            results.append({"run": "sqlite, 1 instance", **measured})
            print(json.dumps(results[-1]), flush=True)
    if {"postgresql", "kill"} & set(runs):
        with postgres(admin) as dsn:
            for run in ("postgresql", "kill"):
                if run in runs:
                    url = new_database(dsn)
                    name = "postgresql, 2 instances" + (", one SIGKILLed" if run == "kill" else "")
                    measured = await fan_out(url, users, limit, 2, run == "kill")
                    results.append({"run": name, **measured})
                    print(json.dumps(results[-1]), flush=True)
    print("| run | sent | rate / limit | busiest second | 429s / ignored | duplicates |")
    print("|---|--:|--:|--:|--:|--:|")
    for r in results:
        print(
            f"| {r['run']} | {r['sent']:,} in {r['span_s']:.0f} s | {r['rate_over_limit']:.3f} |"
            f" {r['busiest_second']} | {r['429s']} / {r['ignored_retry_after']} |"
            f" {r['duplicates']} |"
        )


if __name__ == "__main__":
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--runs", default="sqlite,postgresql,kill")
    parser.add_argument("--pg-admin", default=None)
    args = parser.parse_args()
    asyncio.run(main(args.users, args.limit, args.runs.split(","), args.pg_admin))
