"""Two instances of the real application on one PostgreSQL database and one stand-in: they
share the outbox (no item twice), the schedule reader (nothing queued twice) and the rate."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import Application

from bot.app import build_application, build_services, open_storage, runtime_of
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.presence import Lapsed, Presence
from bot.core.services import Services
from bot.core.turns import Turns
from bot.delivery import reader
from bot.delivery.leases import Leases
from standin import StandIn
from storage import DatabaseUrl, NewOutboxItem, Storage
from tests.helpers import add_due_users

pytestmark = pytest.mark.slow  # real sends, paced

RATE = 10  # OUTBOX_RATE, for the bot as a whole
USERS = 60


def _settings(url: DatabaseUrl) -> Settings:
    return Settings(
        _env_file=None,
        database_url=url.dsn,
        outbox_rate=RATE,  # type: ignore[call-arg]
        outbox_concurrency=8,
        schedule_interval=1,  # both instances read the schedule every second
    )


@asynccontextmanager
async def _instance(url: DatabaseUrl, api: StandIn) -> AsyncIterator[tuple[Services, Application]]:
    """One instance as `run` builds it (its schedule job and worker running), without polling."""
    settings = _settings(url)
    storage = await open_storage(settings)
    services = build_services(settings, storage)
    app = build_application(services, token=api.token, base_url=api.base_url)
    try:
        async with app:
            assert app.post_init and app.post_stop and app.post_shutdown
            await app.post_init(app)
            await app.start()
            try:
                yield services, app
            finally:
                await app.stop()
                await app.post_stop(app)
        await app.post_shutdown(app)
    finally:
        await storage.close()


def _sends(api: StandIn) -> list[float]:
    return sorted(c.received for c in api.calls_to("sendMessage") if c.error is None)


def _busiest_second(moments: list[float]) -> int:
    """The most sends the stand-in saw within any one second (a sliding window)."""
    most, start = 0, 0
    for end, moment in enumerate(moments):
        while moments[start] <= moment - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def _checkins(api: StandIn) -> Counter[int]:
    return Counter(
        c.params["chat_id"]
        for c in api.calls_to("sendMessage")
        if c.error is None and "Richtingsaanwijzer" in str(c.params.get("text", ""))
    )


async def test_two_instances_deliver_each_item_once_and_share_the_rate(pg_url, api: StandIn):
    storage = await Storage.open(pg_url)
    await add_due_users(storage, range(1, USERS + 1), datetime.now(UTC) - timedelta(minutes=1))
    await storage.close()
    for user_id in range(1, USERS + 1):
        api.user(user_id, f"U{user_id}")
    # Telegram's limit is the bot's: a bucket of RATE a second for both instances together.
    api.rate_limit(global_per_second=RATE, per_chat_per_second=1.0)
    async with _instance(pg_url, api) as (_, first), _instance(pg_url, api) as (_, second):
        await api.wait_for(lambda c: len(_checkins(api)) >= USERS, timeout=60)
        await asyncio.sleep(1.5)  # a schedule tick more: nothing else may follow
        bulk = [runtime_of(app).worker for app in (first, second)]
        limiters = [app.bot.rate_limiter.stats for app in (first, second)]  # type: ignore[union-attr]
    counts = _checkins(api)
    assert sorted(counts) == list(range(1, USERS + 1)) and set(counts.values()) == {1}
    assert all(stats.bulk_calls > 0 for stats in limiters)  # both instances sent
    assert bulk[0].instance != bulk[1].instance
    assert api.stats.too_many_requests == 0  # together, they never went over Telegram's bucket
    # Sliding second by sliding second, the two together stayed at the bot's rate, not twice
    # it. (A send the event loop delays a little can share a second with the next slots: one
    # instance alone shows the same, so a small margin; each pacing alone gives ~2 * RATE.)
    assert _busiest_second(_sends(api)) <= RATE + 2


async def test_two_schedule_readers_racing_queue_each_moment_once(pg_url, api: StandIn):
    storage = await Storage.open(pg_url)
    await add_due_users(storage, range(1, USERS + 1), datetime.now(UTC) - timedelta(minutes=1))
    await storage.close()
    first_storage, second_storage = await Storage.open(pg_url), await Storage.open(pg_url)
    try:
        clock = ManualClock(datetime.now(UTC))
        readers = [
            build_services(_settings(pg_url), s, clock) for s in (first_storage, second_storage)
        ]
        queued = await asyncio.gather(*(reader.enqueue_due(services) for services in readers))
        assert sum(queued) == USERS
        items = await first_storage.outbox.items()
        assert sorted(i.chat_id for i in items) == list(range(1, USERS + 1))
    finally:
        await first_storage.close()
        await second_storage.close()


async def test_a_live_instances_items_stay_and_a_gone_ones_come_back_at_once(pg_url):
    clock = ManualClock(datetime(2026, 3, 2, 15, 30, tzinfo=UTC))
    a, b = await Storage.open(pg_url), await Storage.open(pg_url)
    try:
        items = [NewOutboxItem("checkin", -n, "2026-03-02", clock.now()) for n in range(1, 6)]
        await a.outbox.enqueue(items, clock.now())
        presences = Presence(a, lease=30), Presence(b, lease=30)
        for presence in presences:
            await presence.start()
        first, second = (Leases(s, clock, p) for s, p in zip((a, b), presences, strict=True))
        assert await first.start(tuple, lambda _: None) == 0
        claimed = await a.outbox.claim(clock.now(), 3, first.instance, clock.now())
        assert await second.start(tuple, lambda _: None) == 0  # A lives: hands off
        assert await second.take_back() == 0
        await presences[0].stop()  # as when A's lease lapses: its presence is gone
        assert await second.take_back() == len(claimed)  # long before A's lease would expire
        await presences[1].stop()
    finally:
        await a.close()
        await b.close()


async def test_a_frozen_instance_loses_its_turns_and_its_tasks_may_not_act(pg_url):
    """A presence that stops renewing: its turn is taken by the other within the lease, and a
    task that acted for it is refused once it comes back (it goes on under a new id)."""
    a, b = await Storage.open(pg_url), await Storage.open(pg_url)
    now = [0.0]
    try:
        frozen = Presence(a, lease=3, monotonic=lambda: now[0])
        live = Presence(b, lease=3)
        await frozen.start()
        await live.start()
        assert frozen._task is not None
        frozen._task.cancel()  # frozen: it renews no more (the test renews it by hand below)
        turns_a, turns_b = Turns(a, frozen), Turns(b, live)
        acting = asyncio.Event()

        async def hold_forever() -> None:
            with frozen.acting():
                async with turns_a.hold("user:7"):
                    acting.set()
                    await asyncio.sleep(3600)

        holder = asyncio.create_task(hold_forever())
        await acting.wait()
        started = asyncio.get_running_loop().time()
        async with asyncio.timeout(10):
            async with turns_b.hold("user:7"):  # a stops renewing: b gets the turn
                waited = asyncio.get_running_loop().time() - started
        assert 2 < waited < 5  # within the lease (3 s) and a look
        now[0] = 100.0  # a wakes up, long after its view of the lease ended
        with frozen.acting(), pytest.raises(Lapsed):
            frozen.check()
        await frozen.renew()  # a new id: what the old one held is anybody's
        with pytest.raises(Lapsed):
            token = _acting_as("old")
            try:
                frozen.check()
            finally:
                token()
        holder.cancel()
        await asyncio.gather(holder, return_exceptions=True)
        await frozen.stop()
        await live.stop()
    finally:
        await a.close()
        await b.close()


def _acting_as(instance: str):
    from bot.core import presence

    token = presence._ACTING.set(instance)
    return lambda: presence._ACTING.reset(token)
