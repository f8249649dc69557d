"""Fan-out of due check-ins over real HTTP to the Bot API stand-in (in its own process).

    PTB_TIMEDELTA=true python benchmarks/fanout.py [--users 10000] [--limit 30]
                                                  [--ceiling-users 3000]

1. With the stand-in limiting at --limit messages/s (Telegram's bulk limit), the bot's
   outbox delivers --users check-ins: achieved rate as a fraction of the limit, 429s.
2. With no limit: the bot's own ceiling (check-ins/s, CPU ms per check-in) against a bare
   python-telegram-bot loop calling send_message at the same concurrency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

from telegram import Bot

from bot.app import build_application, build_services, open_storage, runtime_of
from bot.config import Settings
from bot.delivery import reader
from standin import DEFAULT_TOKEN
from storage import Storage

HERE = Path(__file__).resolve().parent
CONCURRENCY = 16


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def start_standin(users: int, limit: float | None) -> tuple[asyncio.subprocess.Process, str]:
    port = free_port()
    args = [
        sys.executable,
        str(HERE / "standin_process.py"),
        "--port",
        str(port),
        "--users",
        str(users),
    ] + (["--limit", str(limit)] if limit else [])
    process = await asyncio.create_subprocess_exec(
        *args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    assert (await process.stdout.readline()).strip() == b"ready"
    return process, f"http://127.0.0.1:{port}/bot"


async def stop_standin(process: asyncio.subprocess.Process) -> dict:
    if process.stdin is not None:
        process.stdin.close()  # its reader of commands ends
    process.terminate()
    out, _ = await process.communicate()
    return json.loads(out.decode().strip().splitlines()[-1])


async def seed(path: Path, users: int, now: datetime) -> None:
    storage = await Storage.open(path)
    async with storage.transaction():
        for user_id in range(1, users + 1):
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


async def bot_fan_out(users: int, limit: float | None, rate: float) -> dict:
    """Seed due users, run the real app's schedule reader and worker, time the delivery."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fanout.sqlite3"
        await seed(path, users, datetime.now(UTC))
        standin, base_url = await start_standin(users, limit)
        settings = Settings(
            _env_file=None,
            database_path=path,
            outbox_rate=rate,  # type: ignore[call-arg]
            outbox_concurrency=CONCURRENCY,
            schedule_interval=300,
        )
        storage = await open_storage(settings)
        services = build_services(settings, storage)
        app = build_application(services, token=DEFAULT_TOKEN, base_url=base_url)
        async with app:
            await app.post_init(app)  # type: ignore[misc]
            await app.start()
            cpu, started = time.process_time(), time.perf_counter()
            await reader.enqueue_due(services)
            await runtime_of(app).worker.drain()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            sent = (await services.storage.outbox.health()).counts.get("sent", 0)
            limiter = app.bot.rate_limiter.stats  # type: ignore[union-attr]
            await app.stop()
            await app.post_stop(app)  # type: ignore[misc]
        await app.post_shutdown(app)  # type: ignore[misc]
        await storage.close()
        stats = await stop_standin(standin)
    span = (stats["last"] - stats["first"]) if sent > 1 else elapsed
    return {
        "sent": sent,
        "elapsed": elapsed,
        "rate": (sent - 1) / span if span else 0.0,
        "cpu_ms": cpu / max(sent, 1) * 1000,
        "429s": stats["too_many_requests"],
        "ignored": stats["ignored_retry_after"],
        "obeyed": limiter.retry_after_received,
    }


async def bare_loop(users: int) -> dict:
    """A bare python-telegram-bot loop: send_message to every chat, same concurrency."""
    standin, base_url = await start_standin(users, None)
    slots = asyncio.Semaphore(CONCURRENCY)
    async with Bot(DEFAULT_TOKEN, base_url=base_url) as bot:

        async def send(chat: int) -> None:
            async with slots:
                await bot.send_message(chat, "Richtingsaanwijzer 1/10 – een gewone check-in")

        cpu, started = time.process_time(), time.perf_counter()
        await asyncio.gather(*(send(chat) for chat in range(1, users + 1)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    await stop_standin(standin)
    return {"sent": users, "rate": users / elapsed, "cpu_ms": cpu / users * 1000}


async def main(users: int, limit: float, ceiling_users: int) -> None:
    limited = await bot_fan_out(users, limit, rate=limit)
    ceiling = await bot_fan_out(ceiling_users, None, rate=1000)
    bare = await bare_loop(ceiling_users)
    print("| measure | value |\n|---|---|")
    print(f"| limited run: check-ins sent | {limited['sent']:,} in {limited['elapsed']:.0f} s |")
    print(f"| achieved rate / limit ({limit:g}/s) | {limited['rate'] / limit:.3f} |")
    print(
        f"| 429s received (obeyed) / ignored | {limited['429s']} ({limited['obeyed']}) / "
        f"{limited['ignored']} |"
    )
    print(f"| ceiling, no limit: check-ins/s | {ceiling['rate']:.0f} |")
    print(f"| ceiling: bot CPU ms per check-in | {ceiling['cpu_ms']:.2f} |")
    print(f"| bare PTB loop: messages/s | {bare['rate']:.0f} |")
    print(f"| bare PTB loop: CPU ms per message | {bare['cpu_ms']:.2f} |")
    print(f"| bot ceiling / bare loop | {ceiling['rate'] / bare['rate']:.2f} |")


if __name__ == "__main__":
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--ceiling-users", type=int, default=3_000)
    args = parser.parse_args()
    asyncio.run(main(args.users, args.limit, args.ceiling_users))
