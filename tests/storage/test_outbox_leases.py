"""The outbox shared by several instances: leases, claims that never overlap, the unique key,
and the shared send schedule, on both engines (two Storage objects = two instances)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import pytest

from bot.status import is_stuck, report
from storage import DatabaseUrl, NewOutboxItem, Storage, UserCounts

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
LEASE = timedelta(seconds=30)


@asynccontextmanager
async def _instances(url: DatabaseUrl, count: int = 2) -> AsyncIterator[list[Storage]]:
    opened = [await Storage.open(url) for _ in range(count)]
    try:
        yield opened
    finally:
        for storage in opened:
            await storage.close()


def _groups(count: int, kind: str = "checkin") -> list[NewOutboxItem]:
    return [NewOutboxItem(kind, -1000 - n, "2026-03-02", NOW) for n in range(count)]


@pytest.mark.slow
async def test_two_instances_claiming_at_once_never_get_the_same_item(database_url):
    async with _instances(database_url) as (a, b):
        await a.outbox.enqueue(_groups(120), NOW)

        async def claim_all(storage: Storage, holder: str) -> list[int]:
            got: list[int] = []
            while items := await storage.outbox.claim(NOW, 3, holder, NOW + LEASE):
                got += [item.id for item in items]
                await asyncio.sleep(0)
            return got

        first, second = await asyncio.gather(claim_all(a, "A"), claim_all(b, "B"))
        assert not set(first) & set(second)
        assert len(first) + len(second) == 120
        if database_url.engine == "postgresql":  # (SQLite lets one writer in at a time)
            assert first and second  # both really claimed: they raced
        leases = {lease.holder: lease.items for lease in await a.outbox.leases()}
        claimed = {"A": len(first), "B": len(second)}
        assert leases == {holder: n for holder, n in claimed.items() if n}


async def test_a_gone_instances_items_are_taken_back_and_a_live_ones_are_not(database_url):
    async with _instances(database_url, 1) as (storage,):
        outbox = storage.outbox
        await outbox.enqueue(_groups(4), NOW)
        await storage.instances.register("A", 30)  # alive for 30 s, on the database's clock
        await storage.instances.register("B", -1)  # its lease ran out (frozen, say)
        [live] = await outbox.claim(NOW, 1, "A", NOW + LEASE)
        [lapsed] = await outbox.claim(NOW, 1, "B", NOW + LEASE)
        [unknown] = await outbox.claim(NOW, 1, "C", NOW + LEASE)  # never registered: gone
        [settling] = await outbox.claim(NOW, 1, "B", NOW + LEASE)
        # B's lapsed item and C's come back; A's stays, and so does one the asker is settling.
        assert await outbox.take_back(NOW, keep=[settling.id]) == 2
        states = {item.id: item.state for item in await outbox.items()}
        assert states == {
            live.id: "sending",
            lapsed.id: "pending",
            unknown.id: "pending",
            settling.id: "sending",
        }
        # The settling instance records its outcome while it still holds the item...
        assert await outbox.settle(settling.id, "sent", NOW, holder="B")
        # ...and an instance whose item was taken back meanwhile records nothing.
        assert not await outbox.settle(lapsed.id, "sent", NOW, holder="B")
        # A stops (or is taken for gone): its items come back at once.
        await storage.instances.forget("A")
        assert await outbox.take_back(NOW) == 1
        # What comes back is claimed again as any pending item, with the attempt counted.
        again = await outbox.claim(NOW, 5, "D", NOW + LEASE)
        assert sorted(i.id for i in again) == sorted([live.id, lapsed.id, unknown.id])
        assert {i.attempts for i in again} == {2}


async def test_a_settled_item_holds_no_lease(database_url):
    async with _instances(database_url, 1) as (storage,):
        await storage.outbox.enqueue(_groups(1), NOW)
        [item] = await storage.outbox.claim(NOW, 1, "A", NOW + LEASE)
        await storage.outbox.settle(item.id, "sent", NOW)
        assert await storage.outbox.leases() == ()
        assert await storage.outbox.take_back(NOW + timedelta(days=1)) == 0


async def test_the_key_sends_each_teams_digest_once_and_a_member_of_two_teams_gets_both(
    database_url,
):
    digest = [NewOutboxItem("team_digest", 7, "2026-02-23", NOW, None, team) for team in (1, 2)]
    checkin = NewOutboxItem("checkin", 7, "2026-03-02", NOW)  # no ref: the key is unchanged
    async with _instances(database_url) as (a, b):
        counts = await asyncio.gather(
            a.outbox.enqueue([*digest, checkin], NOW), b.outbox.enqueue([*digest, checkin], NOW)
        )
        assert sum(counts) == 3
        await a.outbox.enqueue([*digest, checkin], NOW + timedelta(minutes=1))
        items = await a.outbox.items()
    assert sorted((i.kind, i.ref) for i in items) == [
        ("checkin", None),
        ("team_digest", 1),
        ("team_digest", 2),
    ]


@pytest.mark.slow
async def test_the_shared_send_schedule_hands_out_stretches_that_never_overlap(database_url):
    span = 0.2
    async with _instances(database_url) as (a, b):

        async def reserve(storage: Storage) -> list[float]:
            return [await storage.send_schedule.reserve(1000.0, span) for _ in range(25)]

        first, second = await asyncio.gather(reserve(a), reserve(b))
        starts = sorted(first + second)
        assert starts[0] == pytest.approx(1000.0)
        gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
        assert min(gaps) == pytest.approx(span) and max(gaps) == pytest.approx(span)
        # After a 429 nobody gets a slot before the wait is over.
        await a.send_schedule.push_back(5000.0)
        assert await b.send_schedule.reserve(1000.0, span) == pytest.approx(5000.0)


async def test_status_shows_what_is_in_flight_by_which_instance_until_when(database_url):
    async with _instances(database_url, 1) as (storage,):
        await storage.outbox.enqueue(_groups(3), NOW)
        await storage.instances.register("host:41:ab12", 30)
        await storage.outbox.claim(NOW, 2, "host:41:ab12", NOW + LEASE)
        await storage.outbox.claim(NOW, 1, "other:7:cd34", NOW - timedelta(seconds=1))
        health = await storage.outbox.health(NOW)
        now = datetime.fromtimestamp(await storage.instances.clock(), UTC)
    lines = report(UserCounts(0, 0, 0, 0), health, now)
    assert "outbox: 0 pending, 3 sending, 0 sent, 0 failed, 0 dropped" in lines
    until = next(lease.until for lease in health.leases if lease.holder == "host:41:ab12")
    assert until is not None and 25 < (until - now).total_seconds() <= 30
    assert f"in flight: 2 by host:41:ab12, lease expires {until:%Y-%m-%d %H:%M:%S} UTC" in lines
    assert "in flight: 1 by other:7:cd34, an instance that is gone" in lines
    assert not is_stuck(health, NOW)  # claimed at NOW, so in flight for no time at all
