"""Update handling: answers per second through the webhook, next to a bare PTB echo bot.

    PTB_TIMEDELTA=true python benchmarks/updates.py [--answers 2000] [--connections 8]
                                                   [--runs bare,sqlite,pg1,pg2,bare]
                                                   [--runs bare-poll,sqlite-poll,pg1-poll]

Every run gets a fresh stand-in in its own process (benchmarks/standin_process.py) and fresh
bot processes, each `python -m bot run --webhook` on its own port (the bare bot: a
python-telegram-bot Application behind a minimal aiohttp webhook, replying with one
send_message). This script is Telegram and the reverse proxy: it posts one answer from each of
--answers users (each with a check-in open at its first question), --connections at a time,
round-robin over the instances. Sherpa stores each answer and asks the next question: one
sendMessage per answer, like the echo. The rate is answers over the time from the first post
to the last reply the stand-in received; CPU is the bot processes' own (user + system).
PostgreSQL runs from tests/postgres_server.py, with fsync on and synchronous_commit off (about
SQLite's WAL with synchronous=NORMAL: no corruption, the last commits may go with the OS).

A run named "-poll" (bare-poll, sqlite-poll, pg1-poll) has the bot long-poll instead: the
stand-in queues every answer at once, and the bot takes them in getUpdates batches. There is no
pg2-poll: one instance polls per database (its advisory lock), the others must run --webhook.

With --profile DIR, py-spy records each Sherpa bot process (Python time holding the GIL, idle
left out) into DIR/<run>-<n>.txt as collapsed stacks; such runs profile, their CPU is py-spy's
too: measure without it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hmac
import json
import os
import signal
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.fanout import free_port, start_standin, stop_standin  # noqa: E402
from standin import DEFAULT_TOKEN  # noqa: E402
from storage import NewStep, Storage  # noqa: E402
from storage.url import DatabaseUrl  # noqa: E402
from tests import postgres_server  # noqa: E402
from tests.helpers import add_checkin, add_due_users  # noqa: E402

SECRET = "benchmark-secret"
ANSWER = "Vandaag luisterde ik eerst, en pas daarna kwam het plan. Dat gaf rust."


def answer_update(user_id: int, date: int) -> dict:
    """One user's answer as Telegram posts it."""
    chat = {"id": user_id, "type": "private", "first_name": f"U{user_id}"}
    sender = {"id": user_id, "is_bot": False, "first_name": f"U{user_id}"}
    message = {"message_id": 100_000 + user_id, "date": date, "chat": chat, "from": sender}
    return {"update_id": user_id, "message": {**message, "text": ANSWER}}


async def seed(url: DatabaseUrl, users: int) -> None:
    """Users with today's check-in open at the first of two questions."""
    storage = await Storage.open(url)
    now = datetime.now(UTC)
    steps = [NewStep("question", None, "Vraag 1?"), NewStep("question", None, "Vraag 2?")]
    async with storage.transaction():
        await add_due_users(storage, range(1, users + 1), now.replace(hour=23, minute=59))
        for user_id in range(1, users + 1):
            checkin = await add_checkin(storage, user_id, now.date(), now, steps=steps)
            assert checkin is not None
            step = await storage.checkins.open_next_step(checkin.id, now)
            assert step is not None
            await storage.checkins.set_step_message(step.id, 50_000 + user_id)  # it was sent
            await storage.checkins.mark_delivered(checkin.id, now)
    await storage.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def start_sherpa(
    url: DatabaseUrl, base_url: str, port: int, cwd: str, *, poll: bool = False
) -> asyncio.subprocess.Process:
    assert url.dsn is not None or url.path is not None
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "PTB_TIMEDELTA": "true",
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_URL": url.dsn if url.dsn else f"sqlite:///{url.path}",
        "WEBHOOK_URL": f"https://bot.example.org/hook{port}",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_PORT": str(port),
        "LOG_LEVEL": "WARNING",
        "SCHEDULE_INTERVAL": "300",
    }
    if poll:
        env = {k: v for k, v in env.items() if not k.startswith("WEBHOOK_")}
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", *([] if poll else ["--webhook"])),
        env=env,
        # The run's own folder: `python -m` puts the working folder first on sys.path, and a
        # stray timeit.py in /tmp once stopped every bot at its start.
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
    )


async def start_bare(base_url: str, port: int, *, poll: bool = False) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *(sys.executable, __file__, "--serve-bare", str(port), "--api", base_url),
        *(["--poll"] if poll else []),
        env={**os.environ, "PYTHONPATH": str(ROOT), "PTB_TIMEDELTA": "true"},
        stdout=asyncio.subprocess.DEVNULL,
    )


async def wait_listening(session: aiohttp.ClientSession, port: int, path: str) -> None:
    async with asyncio.timeout(60):
        while True:
            try:
                async with session.post(f"http://127.0.0.1:{port}{path}", json={}) as response:
                    if response.status == 403:  # no secret: refused, so it listens
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)


async def drive(session: aiohttp.ClientSession, paths: list[str], users: int, connections: int):
    """Post every answer, `connections` at a time, round-robin over the instances."""
    date = int(time.time())
    queue: asyncio.Queue[int] = asyncio.Queue()
    for user_id in range(1, users + 1):
        queue.put_nowait(user_id)

    async def connection() -> None:
        while not queue.empty():
            user_id = queue.get_nowait()
            url = paths[user_id % len(paths)]
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with session.post(url, json=answer_update(user_id, date), headers=headers) as r:
                assert r.status == 200, r.status

    await asyncio.gather(*(connection() for _ in range(connections)))


async def handled(
    url: DatabaseUrl | None, users: int, processes: list[asyncio.subprocess.Process]
) -> None:
    """Until every answer was handled (Sherpa records each), or the stand-in got them (bare).

    Read-only and beside the bot, as an operator's query would: never Storage.open, whose
    migration check and log checkpoint would take SQLite's write lock from the bot.
    """
    if url is None:
        return
    async with asyncio.timeout(600):
        while await asyncio.to_thread(count_handled, url) < users:
            if any(process.returncode is not None for process in processes):
                raise RuntimeError("a bot process stopped before every answer was handled")
            await asyncio.sleep(0.2)


def count_handled(url: DatabaseUrl) -> int:
    sql = "SELECT COUNT(*) FROM handled_updates"
    if url.path is not None:
        with contextlib.closing(
            sqlite3.connect(f"{url.path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            return int(db.execute(sql).fetchone()[0])
    assert url.dsn is not None
    with psycopg.connect(url.dsn) as db:
        row = db.execute(sql).fetchone()
        return int(row[0]) if row else 0


async def tell(standin: asyncio.subprocess.Process, line: str) -> None:
    assert standin.stdin is not None
    standin.stdin.write(line.encode() + b"\n")
    await standin.stdin.drain()


async def replied(standin: asyncio.subprocess.Process, users: int) -> None:
    """Until the stand-in sent a reply to every answer (the bare bot records nothing)."""
    assert standin.stdout is not None
    async with asyncio.timeout(600):
        while True:
            await tell(standin, "count")
            if int(await standin.stdout.readline()) >= users:
                return
            await asyncio.sleep(0.2)


async def start_profile(pid: int, out: Path) -> asyncio.subprocess.Process:
    """py-spy recording a bot process: Python time holding the GIL, no idle waits."""
    return await asyncio.create_subprocess_exec(
        *("py-spy", "record", "--pid", str(pid), "--gil", "--rate", "250"),
        *("--format", "raw", "--output", str(out)),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def one_run(
    kind: str, users: int, connections: int, pg: object | None, profile: Path | None = None
) -> dict:
    standin, base_url = await start_standin(users, None)
    url: DatabaseUrl | None = None
    folder = tempfile.TemporaryDirectory()
    poll = kind.endswith("-poll")
    kind_engine = kind.removesuffix("-poll")
    if kind_engine == "sqlite":
        url = DatabaseUrl.sqlite(Path(folder.name) / "updates.sqlite3")
    elif kind_engine.startswith("pg"):
        assert isinstance(pg, postgres_server.PostgresServer)
        url = pg.url(pg.new_database())
    if url is not None:
        await seed(url, users)
    count = 2 if kind_engine == "pg2" else 1
    ports = [free_port() for _ in range(count)]
    if url is None:
        processes = [await start_bare(base_url, ports[0], poll=poll)]
    else:
        processes = [
            await start_sherpa(url, base_url, port, folder.name, poll=poll) for port in ports
        ]
    routes = ["/hook" if url is None else f"/hook{port}" for port in ports]
    profilers: list[asyncio.subprocess.Process] = []
    paths = [f"http://127.0.0.1:{port}{route}" for port, route in zip(ports, routes, strict=True)]
    try:
        async with aiohttp.ClientSession() as session:
            if poll:
                await asyncio.sleep(3.0)  # started and polling (an idle long poll costs nothing)
            else:
                for port, route in zip(ports, routes, strict=True):
                    await wait_listening(session, port, route)
            await asyncio.sleep(1.0)  # the start's own work (menus, first schedule look) ends
            if profile is not None and url is not None:
                profile.mkdir(parents=True, exist_ok=True)
                for n, process in enumerate(processes):
                    out = profile / f"{kind}-{n}-{int(time.time())}.txt"
                    profilers.append(await start_profile(process.pid, out))
            cpu = sum(cpu_seconds(p.pid) for p in processes)
            started = time.monotonic()
            if poll:
                await tell(standin, f"answer {ANSWER}")
            else:
                await drive(session, paths, users, connections)
            await handled(url, users, processes)
            if url is None and poll:
                await replied(standin, users)
            elif url is None:
                await asyncio.sleep(2.0)  # the bare bot replies within moments
            cpu = sum(cpu_seconds(p.pid) for p in processes) - cpu
    finally:
        for profiler in profilers:  # py-spy writes its file on SIGINT
            profiler.send_signal(signal.SIGINT)
            await profiler.wait()
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            await process.wait()
        stats = await stop_standin(standin)
        folder.cleanup()
    return {
        "kind": kind,
        "sent": stats["sent"],
        "rate": stats["sent"] / (stats["last"] - started),
        "cpu_ms": cpu / users * 1000,
    }


async def main(
    users: int, connections: int, runs: list[str], profile: Path | None = None
) -> None:
    pg = None
    if any(run.startswith("pg") for run in runs):
        postgres_server.SETTINGS |= {"fsync": "on", "synchronous_commit": "off"}
        pg = postgres_server.PostgresServer.start()
    try:
        results = [await one_run(run, users, connections, pg, profile) for run in runs]
    finally:
        if pg is not None:
            pg.stop()
    bares = [r for r in results if r["kind"] in ("bare", "bare-poll")]
    rate = sum(r["rate"] for r in bares) / len(bares) if bares else None
    cpu = sum(r["cpu_ms"] for r in bares) / len(bares) if bares else None
    print(f"{users} answers from {users} users, {connections} connections; load {os.getloadavg()}")
    print(
        "| run | replies | answers/s | / bare | CPU ms per answer (all instances) | bare / this |"
    )
    print("|---|--:|--:|--:|--:|--:|")
    for r in results:
        # Compared with the bare bot of the same mode (webhook or polling), when there is one.
        same = [b for b in bares if b["kind"].endswith("-poll") == r["kind"].endswith("-poll")]
        base_rate = sum(b["rate"] for b in same) / len(same) if same else rate
        base_cpu = sum(b["cpu_ms"] for b in same) / len(same) if same else cpu
        by_rate = f"{r['rate'] / base_rate:.2f}" if base_rate else "–"
        by_cpu = f"{base_cpu / r['cpu_ms']:.2f}" if base_cpu else "–"
        print(
            f"| {r['kind']} | {r['sent']} | {r['rate']:.0f} | {by_rate} | {r['cpu_ms']:.2f}"
            f" | {by_cpu} |"
        )


# --- the bare echo bot, in its own process ---------------------------------------------------


async def serve_bare(port: int, base_url: str, poll: bool = False) -> None:
    from aiohttp import web
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None and update.effective_message is not None
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)

    builder = ApplicationBuilder().token(DEFAULT_TOKEN).base_url(base_url)
    application = (builder if poll else builder.updater(None)).concurrent_updates(64).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    if poll:
        stopped = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set)
        async with application:
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            await application.start()
            await stopped.wait()
            await application.updater.stop()
            await application.stop()
        return

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not hmac.compare_digest(given, SECRET.encode()):
            return web.Response(status=403)
        update = Update.de_json(json.loads(await request.read()), application.bot)
        await application.update_queue.put(update)
        return web.Response(status=200)

    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    server = web.Application()
    server.router.add_post("/hook", receive)
    runner = web.AppRunner(server)
    async with application:
        await application.start()
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        await stop.wait()
        await runner.cleanup()
        await application.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", default="bare,sqlite,pg1,pg2,bare")
    parser.add_argument("--profile", type=Path, default=None, help="py-spy into this folder")
    parser.add_argument("--serve-bare", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--api", default="", help=argparse.SUPPRESS)
    parser.add_argument("--poll", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare is not None:
        asyncio.run(serve_bare(args.serve_bare, args.api, args.poll))
    else:
        asyncio.run(main(args.answers, args.connections, args.runs.split(","), args.profile))
