"""The inbox across instances, on both engines: one owner per update, held while its instance
is alive (storage/instances.py), taken over from a gone one."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import psycopg

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


async def test_taking_turns_reads_each_senders_earlier_updates_with_the_take(
    database_url: DatabaseUrl,
):
    a, b = await _two(database_url)
    try:
        await a.instances.register("a", LEASE)
        await a.instances.register("b", LEASE)
        await a.instances.register("gone", -1.0)
        for update_id, sender in ((1, 7), (2, 8), (3, 7), (4, 7), (5, 9)):
            await a.inbox.store(update_id, sender, _body(update_id), NOW, owner="a")
        assert await a.turns.take("user:8", "a", "held")
        assert await a.turns.take("user:9", "gone", "left")
        taken = await b.inbox.take_turns(
            [
                ("user:7", "b", "t7", (7, 3)),  # 7's updates up to 3: 1 and 3, not 4
                ("user:8", "b", "t8", (8, 2)),  # a holds it and is alive: not taken
                ("user:9", "b", "t9", (9, 5)),  # its holder is gone: taken
                ("user:6", "b", "t6", None),  # no look asked
                ("user:5", "b", "t5", (5, 9)),  # nothing of 5's waits
            ]
        )
        assert set(taken) == {(f"user:{n}", f"t{n}") for n in (7, 9, 6, 5)}
        assert [item.update_id for item in taken[("user:7", "t7")] or []] == [1, 3]
        assert taken[("user:7", "t7")] == await b.inbox.through(7, 3)
        assert [item.update_id for item in taken[("user:9", "t9")] or []] == [5]
        assert taken[("user:6", "t6")] is None and taken[("user:5", "t5")] == []
        assert not await a.turns.take("user:7", "a", "again")  # b holds it now
    finally:
        await a.close()
        await b.close()


async def test_a_turn_taken_as_its_last_holder_finished_reads_the_inbox_after_that_finish(
    pg_migrated_url: DatabaseUrl,
):
    """PostgreSQL: the take waits for the holder's finish (its update handled and gone, its
    turn let go, in one transaction), then takes the turn; the look in the same call must not
    see the finished update (a read in the take's own snapshot would: handled twice)."""
    a, b = await _two(pg_migrated_url)
    try:
        await a.instances.register("a", LEASE)
        await a.instances.register("b", LEASE)
        for update_id in (1, 2):
            await a.inbox.store(update_id, 7, _body(update_id), NOW, owner="a")
        assert await a.turns.take("user:7", "a", "t1")
        assert pg_migrated_url.dsn is not None
        finisher = await psycopg.AsyncConnection.connect(pg_migrated_url.dsn)
        try:
            await finisher.execute("DELETE FROM inbox WHERE update_id = 1")
            await finisher.execute("DELETE FROM turns WHERE name = 'user:7'")
            taking = asyncio.create_task(b.inbox.take_turns([("user:7", "b", "t2", (7, 2))]))
            await asyncio.sleep(0.3)
            assert not taking.done()  # waiting for the finish's lock on the turn
            await finisher.commit()
            taken = await asyncio.wait_for(taking, 10)
        finally:
            await finisher.close()
        assert [item.update_id for item in taken[("user:7", "t2")] or []] == [2]
    finally:
        await a.close()
        await b.close()
