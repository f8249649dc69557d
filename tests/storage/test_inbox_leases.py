"""The inbox across instances, on both engines: one owner per update, held while its instance
is alive (storage/instances.py), taken over from a gone one."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from storage import Storage
from storage.url import DatabaseUrl

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
LEASE = 30.0  # seconds


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
        await a.instances.register("a", LEASE)
        await a.instances.register("b", LEASE)
        assert await a.inbox.store(1, 7, _body(1), NOW, owner="a")
        assert not await b.inbox.store(1, 7, _body(1), NOW, owner="b")
        assert await b.inbox.take_over("b") == []  # b takes nothing over: a is alive
        await a.updates.remember(1, NOW)
        await a.inbox.remove(1)
        # Handled and gone from the inbox: a late redelivery is still not stored again.
        assert not await b.inbox.store(1, 7, _body(1), NOW, owner="b")
        assert await b.inbox.waiting() == []
        assert await b.inbox.store(2, None, _body(2), NOW, owner="b")
    finally:
        await a.close()
        await b.close()


async def test_a_gone_instances_updates_are_taken_over_and_a_live_ones_are_not(
    database_url: DatabaseUrl,
):
    a, b = await _two(database_url)
    try:
        await a.instances.register("alive", LEASE)
        await a.instances.register("frozen", -1.0)  # stopped renewing: its lease ran out
        await a.instances.register("b", LEASE)
        for update_id, owner in ((1, "dead"), (2, "alive"), (3, "frozen"), (4, "b")):
            await a.inbox.store(update_id, 7, _body(update_id), NOW, owner=owner)
        # b takes the gone ones and is told everything it holds now (its own 4 included).
        assert await b.inbox.take_over("b") == [1, 3, 4]
        items = await b.inbox.bodies([1, 3])
        assert [(i.update_id, json.loads(i.body)["update_id"]) for i in items] == [(1, 1), (3, 3)]
        await a.instances.register("a", LEASE)
        assert await a.inbox.take_over("a") == []  # b is alive: they stay b's
        assert await b.inbox.release("b") == 3  # b's stop lets them go at once
        assert await a.inbox.take_over("a") == [1, 3, 4]
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
        await a.instances.register("a", LEASE)
        await a.instances.register("b", LEASE)
        ids_a, ids_b = await asyncio.gather(a.inbox.take_over("a"), b.inbox.take_over("b"))
        assert set(ids_a).isdisjoint(ids_b)
        assert set(ids_a) | set(ids_b) == set(range(1, 201))
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
