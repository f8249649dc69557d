"""PostgreSQL under pressure (issue 21), with real `python -m bot run --webhook` processes.

Each test puts one kind of pressure on instances sharing one PostgreSQL database: a burst of
429s from Telegram, an instance frozen with SIGSTOP, the database stopped or restarted in the
middle of the work, and /delete racing a scheduled check-in. What must hold: nothing
acknowledged is lost or stranded, no false or repeated apology, duplicates within the
in-flight bound, nothing left `sending`, and no message after "Alles is gewist".
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.incoming.webhook import SECRET_HEADER
from standin import StandIn
from standin.models import Call
from storage import NewStep, Storage
from storage.codec import utc_text
from storage.url import DatabaseUrl
from tests.helpers import add_checkin, add_due_users, free_port, rows, write
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.slow  # real processes and a PostgreSQL server

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-webhook-secret-of-enough-length"
SECOND_QUESTION = "Vraag 2?"
APOLOGY = "Sorry"  # every apology (bot/locales/apology.*.toml) starts with it
ERASED = "Alles is gewist"


class Instance:
    """One `run --webhook` process, its port and its log (a file: a pipe could fill up)."""

    def __init__(self, process: asyncio.subprocess.Process, port: int, log: Path) -> None:
        self.process, self.port, self.log = process, port, log

    @classmethod
    async def start(
        cls, api: StandIn, url: DatabaseUrl, folder: Path, **settings: str
    ) -> Instance:
        port = free_port()
        assert url.dsn is not None
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "ANSWERS_", "OUTBOX_"))
            },
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": url.dsn,
            "WEBHOOK_URL": f"https://bot.example.org:{port}/hook",
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_PORT": str(port),
            "OUTBOX_RATE": "1000",
            **settings,
        }
        log = folder / f"instance-{port}.log"
        with log.open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", "bot", "run", "--webhook"),
                cwd=folder,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=sink,
            )
        return cls(process, port, log)

    async def stop(self) -> str:
        """SIGTERM (after a SIGCONT, should it be frozen); returns the log."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.log.read_text(errors="replace")


@contextlib.asynccontextmanager
async def instances(
    api: StandIn, url: DatabaseUrl, folder: Path, count: int, **settings: str
) -> AsyncIterator[list[Instance]]:
    """`count` instances, each with its webhook set; all stopped (and checked) after."""
    running = [await Instance.start(api, url, folder, **settings) for _ in range(count)]
    try:
        async with asyncio.timeout(60):
            while api.stats.calls["setWebhook"] < count:
                await asyncio.sleep(0.05)
        yield running
    finally:
        logs = [await instance.stop() for instance in running]
        for instance, log in zip(running, logs, strict=True):
            assert instance.process.returncode == 0, log[-4000:]


async def seed_open_checkins(url: DatabaseUrl, users: Iterable[int]) -> None:
    """Users each with today's check-in open at the first of two questions."""
    storage = await Storage.open(url)
    try:
        now = datetime.now(UTC)
        ids = list(users)
        await add_due_users(storage, ids, now + timedelta(days=1))  # nothing else falls due
        steps = [NewStep("question", None, f"Vraag {n}?") for n in (1, 2)]
        for user_id in ids:
            checkin = await add_checkin(storage, user_id, now.date(), now, steps=steps)
            assert checkin is not None
            await storage.checkins.open_next_step(checkin.id, now)
            await storage.checkins.mark_delivered(checkin.id, now)
    finally:
        await storage.close()


def answer(user_id: int) -> str:
    return f"een antwoord van nummer {user_id:03d}"


async def post(session: aiohttp.ClientSession, port: int, update: dict, timeout: float) -> int:
    """POST one update as Telegram does; 0 when the instance did not answer in time."""
    try:
        async with session.post(
            f"http://127.0.0.1:{port}/hook",
            json=update,
            headers={SECRET_HEADER: SECRET},
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as response:
            return response.status
    except (TimeoutError, aiohttp.ClientError):
        return 0


async def deliver(
    session: aiohttp.ClientSession, ports: list[int], update: dict, first: int, timeout: float
) -> None:
    """Like Telegram behind a proxy: try the instances in turn until one answers 200."""
    for attempt in range(200):
        port = ports[(first + attempt) % len(ports)]
        if await post(session, port, update, timeout) == 200:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"update {update['update_id']} was never accepted")


def texts_to(api: StandIn, chat_id: int, *, since: float = 0.0) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in api.calls
        if c.method == "sendMessage"
        and c.error is None
        and c.params.get("chat_id") == chat_id
        and c.received >= since
    ]


def replies(api: StandIn, users: Iterable[int]) -> Counter[int]:
    """How often each user was asked the second question (the reply to their answer)."""
    counts: Counter[int] = Counter()
    for user_id in users:
        counts[user_id] = sum(SECOND_QUESTION in t for t in texts_to(api, user_id))
    return counts


def reply_times(api: StandIn, users: Iterable[int]) -> dict[int, list[float]]:
    """When each user's replies (the second question) reached the stand-in."""
    wanted = set(users)
    times: dict[int, list[float]] = {u: [] for u in wanted}
    for c in api.calls_to("sendMessage"):
        chat = c.params.get("chat_id")
        if c.error is None and chat in wanted and SECOND_QUESTION in str(c.params.get("text")):
            times[int(chat)].append(c.received)
    return times


def apologies(api: StandIn) -> list[tuple[int, str]]:
    return [
        (c.params["chat_id"], str(c.params.get("text", ""))[:60])
        for c in api.calls_to("sendMessage")
        if c.error is None and str(c.params.get("text", "")).startswith(APOLOGY)
    ]


async def stored_answers(url: DatabaseUrl) -> Counter[str]:
    found = await rows(url, "SELECT text FROM answers")
    return Counter(str(row[0]) for row in found)


async def inbox_size(url: DatabaseUrl) -> int:
    found = await rows(url, "SELECT COUNT(*) FROM inbox")
    return int(found[0][0])  # type: ignore[call-overload]


async def until(condition, timeout: float, every: float = 0.25) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(every)


# --- 1. a 429 burst: no pooled connection waits on Telegram ---------------------------------


async def test_a_429_burst_strands_nothing_and_apologises_for_nothing(
    pg_url: DatabaseUrl, tmp_path: Path
):
    users = range(1, 61)
    await seed_open_checkins(pg_url, users)
    async with StandIn() as api:
        fakes = {u: api.user(u, f"U{u}") for u in users}
        async with instances(api, pg_url, tmp_path, 1) as [bot]:
            # Ten replies must wait 35 s: longer than the pool's 30 s wait for a connection.
            api.fail_next("sendMessage", 429, retry_after=35, count=10)
            updates = {u: api.send_text(fakes[u], answer(u)) for u in users}
            async with aiohttp.ClientSession() as session:
                statuses = await asyncio.gather(
                    *(post(session, bot.port, updates[u], 60) for u in users)
                )
            acknowledged = [u for u, status in zip(users, statuses, strict=True) if status == 200]
            assert len(acknowledged) >= 50

            def refused() -> list[Call]:
                return [c for c in api.calls_to("sendMessage") if c.error_code == 429]

            await api.wait_for(lambda c: len(refused()) >= 10, timeout=60)
            waited = max(c.received for c in refused()) + 35  # when the last wait ended
            expected = Counter({answer(u): 1 for u in acknowledged})

            async def all_handled() -> bool:
                return (await stored_answers(pg_url)) >= expected and not await inbox_size(pg_url)

            await until(all_handled, timeout=waited - time.monotonic() + 60)
            await asyncio.sleep(1.0)  # nothing else may follow
    assert apologies(api) == []
    assert replies(api, acknowledged) == Counter({u: 1 for u in acknowledged})
    assert await stored_answers(pg_url) == expected


# --- 2. a frozen instance: the other carries on -----------------------------------------------

LEASE = 3  # seconds (INBOX_LEASE)
IN_FLIGHT_AT_FREEZE = 30  # the frozen one was given half of the first 60 answers at most


async def test_a_frozen_instance_stops_nobody_and_duplicates_nothing_after_it_wakes(
    pg_url: DatabaseUrl, tmp_path: Path
):
    users = list(range(1, 121))
    await seed_open_checkins(pg_url, users)
    async with StandIn() as api:
        fakes = {u: api.user(u, f"U{u}") for u in users}
        api.slow("sendMessage", 0.5)  # replies take a while: many in hand at the freeze
        async with (
            instances(api, pg_url, tmp_path, 2, INBOX_LEASE=str(LEASE)) as bots,
            aiohttp.ClientSession() as session,
        ):
            ports = [bot.port for bot in bots]
            frozen = bots[0]

            async def send(batch: list[int]) -> None:
                await asyncio.gather(
                    *(
                        deliver(session, ports, api.send_text(fakes[u], answer(u)), u % 2, 1.5)
                        for u in batch
                    )
                )

            await send(users[:60])  # half the answers, spread over both
            frozen.process.send_signal(signal.SIGSTOP)
            stopped = time.monotonic()
            await send(users[60:])  # the rest, while one is frozen (its POSTs time out)

            # The live one handles everything within the lease and a few seconds.
            async def all_handled() -> bool:
                return len(await stored_answers(pg_url)) == len(users) and not await inbox_size(
                    pg_url
                )

            remaining = stopped + 3 * LEASE - time.monotonic()
            await until(all_handled, timeout=max(remaining, LEASE + 5))
            handled_during_freeze = time.monotonic() - stopped
            await asyncio.sleep(max(0.0, stopped + 3 * LEASE - time.monotonic()))
            frozen.process.send_signal(signal.SIGCONT)
            woken = time.monotonic()
            await asyncio.sleep(2 * LEASE)  # what the woken one might still send
    assert handled_during_freeze <= 3 * LEASE + 5
    assert apologies(api) == []
    assert await stored_answers(pg_url) == Counter({answer(u): 1 for u in users})
    # Every answer got its reply; the woken instance sent nothing (its lease had lapsed).
    sent = reply_times(api, users)
    assert all(sent[u] for u in users), [u for u in users if not sent[u]]
    assert [u for u in users if any(t >= woken for t in sent[u])] == []
    # A reply already on its way to Telegram at the freeze arrives, and the instance that
    # takes the turn over cannot know it did (Telegram has no idempotency key): only such a
    # reply may come twice. Any other repeat is a fault.
    repeated = [u for u in users if len(sent[u]) > 1]
    assert all(len(sent[u]) == 2 and min(sent[u]) < stopped for u in repeated), {
        u: sent[u] for u in repeated
    }
    assert len(repeated) <= IN_FLIGHT_AT_FREEZE, repeated


# --- 3. the database away during a fan-out -------------------------------------------------

CONCURRENCY = 8  # OUTBOX_CONCURRENCY: the bound on duplicates after a database outage


def checkins_sent(calls: list[Call]) -> Counter[int]:
    return Counter(
        c.params["chat_id"]
        for c in calls
        if c.method == "sendMessage"
        and c.error is None
        and "Richtingsaanwijzer" in str(c.params.get("text", ""))
    )


async def test_postgresql_stopped_during_a_fan_out_leaves_nothing_sending(
    pg_url: DatabaseUrl, postgres_server: PostgresServer, tmp_path: Path
):
    users = range(1, 121)
    storage = await Storage.open(pg_url)
    await add_due_users(storage, users, datetime.now(UTC) - timedelta(minutes=1))
    await storage.close()
    async with StandIn() as api:
        for u in users:
            api.user(u, f"U{u}")
        api.slow("sendMessage", 0.3)  # every send in flight for a while
        settings = {
            "OUTBOX_RATE": "25",
            "OUTBOX_CONCURRENCY": str(CONCURRENCY),
            "SCHEDULE_INTERVAL": "1",
            "INBOX_LEASE": "5",
        }
        async with instances(api, pg_url, tmp_path, 1, **settings):
            await api.wait_for(lambda c: len(checkins_sent(api.calls)) >= 30, timeout=60)
            try:
                postgres_server.halt("fast")
                await asyncio.sleep(8)
            finally:
                postgres_server.resume()
            await api.wait_for(lambda c: len(checkins_sent(api.calls)) >= len(users), timeout=60)

            async def settled() -> bool:
                states = await rows(pg_url, "SELECT state, COUNT(*) FROM outbox GROUP BY state")
                return dict(states) == {"sent": len(users)}  # type: ignore[arg-type]

            await until(settled, timeout=20)
    counts = checkins_sent(api.calls)
    assert set(counts) == set(users)
    assert sum(n - 1 for n in counts.values()) <= CONCURRENCY


# --- 4. the database restarted under load ---------------------------------------------------


@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_postgresql_restarted_under_load_loses_nothing_and_apologises_for_nothing(
    pg_url: DatabaseUrl, postgres_server: PostgresServer, tmp_path: Path, mode: str
):
    users = list(range(1, 201))
    await seed_open_checkins(pg_url, users)
    # The test server runs with synchronous_commit off: a crash (immediate) would lose the
    # last commits, which no real deployment accepts. This database commits for real.
    name = (await rows(pg_url, "SELECT current_database()"))[0][0]
    await write(pg_url, f"ALTER DATABASE {name} SET synchronous_commit = on")
    async with StandIn() as api:
        fakes = {u: api.user(u, f"U{u}") for u in users}
        async with (
            instances(api, pg_url, tmp_path, 2, INBOX_LEASE="5") as bots,
            aiohttp.ClientSession() as session,
        ):
            ports = [bot.port for bot in bots]

            async def stream() -> None:
                for start in range(0, len(users), 10):
                    batch = users[start : start + 10]
                    await asyncio.gather(
                        *(
                            deliver(session, ports, api.send_text(fakes[u], answer(u)), u % 2, 5)
                            for u in batch
                        )
                    )
                    await asyncio.sleep(0.05)

            sending = asyncio.create_task(stream())
            await api.wait_for(
                lambda c: sum(SECOND_QUESTION in str(c.params.get("text", "")) for c in api.calls)
                >= 50,
                timeout=60,
            )
            postgres_server.restart(mode)
            await sending

            async def all_handled() -> bool:
                return len(await stored_answers(pg_url)) == len(users) and not await inbox_size(
                    pg_url
                )

            await until(all_handled, timeout=60)
            await asyncio.sleep(1.0)
    assert apologies(api) == []
    assert await stored_answers(pg_url) == Counter({answer(u): 1 for u in users})  # 0 lost
    assert set(replies(api, users).values()) >= {1}


# --- 5. /delete racing a scheduled send ------------------------------------------------------


async def test_nothing_arrives_after_the_erase_confirmation(pg_url: DatabaseUrl, tmp_path: Path):
    users = list(range(1, 31))
    storage = await Storage.open(pg_url)
    await add_due_users(storage, users, datetime.now(UTC) + timedelta(days=1))
    await storage.close()
    async with StandIn() as api:
        fakes = {u: api.user(u, f"U{u}") for u in users}
        settings = {"OUTBOX_RATE": "25", "OUTBOX_CONCURRENCY": "8", "SCHEDULE_INTERVAL": "1"}
        async with (
            instances(api, pg_url, tmp_path, 2, **settings) as bots,
            aiohttp.ClientSession() as session,
        ):
            ports = [bot.port for bot in bots]
            for u in users:  # each asked "/delete": the confirming button is there
                await deliver(session, ports, api.send_command(fakes[u], "/delete"), u, 10)
            await api.wait_for(lambda c: all(api.messages(fakes[u]) for u in users), timeout=30)
            # Every check-in falls due now; once they are being sent, everyone taps "yes, erase".
            api.slow("sendMessage", 0.5)  # a send in flight for a while: it meets the erase
            taps = [api.press_button(fakes[u], 0) for u in users]
            due = datetime.now(UTC) - timedelta(seconds=1)
            await write(pg_url, "UPDATE users SET next_due_at = ?", utc_text(due))
            await api.wait_for(lambda c: bool(checkins_sent(api.calls)), timeout=30)
            await asyncio.gather(
                *(deliver(session, ports, taps[i], i, 10) for i, _ in enumerate(users))
            )

            def confirmed() -> dict[int, float]:
                return {
                    c.params["chat_id"]: c.answered or 0.0
                    for c in api.calls_to("editMessageText")
                    if ERASED in str(c.params.get("text", "")) and c.answered is not None
                }

            await api.wait_for(lambda c: len(confirmed()) == len(users), timeout=30)
            await asyncio.sleep(3)  # a late check-in would come now
    erased_at = confirmed()
    late = {  # what came into the chat (the answer: the message exists) after the erase
        u: [
            str(c.params.get("text", ""))[:30]
            for c in api.calls_to("sendMessage")
            if c.params.get("chat_id") == u and c.error is None and c.answered
            if c.answered > erased_at[u]
        ]
        for u in users
    }
    assert {u: texts for u, texts in late.items() if texts} == {}
    assert checkins_sent(api.calls)  # the race was on: check-ins were going out
    assert await rows(pg_url, "SELECT COUNT(*) FROM users") == [(0,)]
