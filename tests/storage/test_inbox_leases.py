"""The inbox across instances, on both engines: one owner per update, leases, take-over."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from storage import Storage
from storage.url import DatabaseUrl

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def _body(update_id: int) -> str:
    return json.dumps({"update_id": update_id, "message": {"text": f"woorden {update_id}"}})


async def _two(url: DatabaseUrl) -> tuple[Storage, Storage]:
    """Two instances' storage over one database (on SQLite: two connections to one file)."""
    first = await Storage.open(url)
    return first, await Storage.open(url)


async def test_the_first_store_owns_an_update_and_a_redelivery_changes_nothing(
    database_url: DatabaseUrl,
):
    a, b = await _two(database_url)
    try:
        assert await a.inbox.store(1, 7, _body(1), NOW, owner="a", lease_until=NOW + LEASE)
        assert not await b.inbox.store(1, 7, _body(1), NOW, owner="b", lease_until=NOW + LEASE)
        # b takes nothing over: a's lease runs
        assert await b.inbox.take_over("b", NOW, NOW + LEASE) == []
        await a.updates.remember(1, NOW)
        await a.inbox.remove(1)
        # Handled and gone from the inbox: a late redelivery is still not stored again.
        assert not await b.inbox.store(1, 7, _body(1), NOW, owner="b", lease_until=NOW + LEASE)
        assert await b.inbox.waiting() == []
        assert await b.inbox.store(2, None, _body(2), NOW, owner="b", lease_until=NOW + LEASE)
    finally:
        await a.close()
        await b.close()


async def test_expired_leases_are_taken_over_live_ones_and_renewed_ones_are_not(
    database_url: DatabaseUrl,
):
    a, b = await _two(database_url)
    try:
        for update_id, owner in ((1, "dead"), (2, "alive"), (3, "dead")):
            await a.inbox.store(update_id, 7, _body(update_id), NOW, owner=owner, lease_until=NOW)
        later = NOW + timedelta(seconds=10)
        assert await a.inbox.renew("alive", later + LEASE) == 1  # a living instance renews
        taken = await b.inbox.take_over("b", later, later + LEASE)
        assert [(i.update_id, json.loads(i.body)["update_id"]) for i in taken] == [(1, 1), (3, 3)]
        # Now b's: nobody else takes them while b renews; b's stop lets them go at once.
        assert await a.inbox.take_over("a", later, later + LEASE) == []
        assert await b.inbox.release("b") == 2
        assert [i.update_id for i in await a.inbox.take_over("a", later, later + LEASE)] == [1, 3]
        # At a start on SQLite (the file's only instance) everything is taken, leases or not.
        assert len(await a.inbox.take_over("a", later, later + LEASE, everything=True)) == 3
    finally:
        await a.close()
        await b.close()


async def test_two_instances_taking_over_at_once_never_take_the_same_update(
    database_url: DatabaseUrl,
):
    a, b = await _two(database_url)
    try:
        for update_id in range(1, 201):
            await a.inbox.store(update_id, update_id % 9, _body(update_id), NOW, owner="dead")
        taken_a, taken_b = await asyncio.gather(
            a.inbox.take_over("a", NOW, NOW + LEASE), b.inbox.take_over("b", NOW, NOW + LEASE)
        )
        ids_a, ids_b = {i.update_id for i in taken_a}, {i.update_id for i in taken_b}
        assert ids_a.isdisjoint(ids_b)
        assert ids_a | ids_b == set(range(1, 201))
    finally:
        await a.close()
        await b.close()


async def test_earlier_lists_the_senders_unhandled_updates_before_this_one(
    database_url: DatabaseUrl,
):
    storage = await Storage.open(database_url)
    try:
        for update_id, sender in ((1, 7), (2, 8), (3, 7), (4, 7)):
            await storage.inbox.store(update_id, sender, _body(update_id), NOW, owner="x")
        assert [i.update_id for i in await storage.inbox.earlier(7, 4)] == [1, 3]
        assert await storage.inbox.earlier(8, 2) == []
    finally:
        await storage.close()
