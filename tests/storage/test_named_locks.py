"""Locks across instances, as one instance sees them, on both engines.

On SQLite the file has one instance, so they are the process's; on PostgreSQL they are
advisory locks (two instances: tests/storage/test_postgres.py).
"""

from __future__ import annotations

import asyncio

from storage.engine import open_engine
from storage.url import DatabaseUrl


async def test_try_hold_lock_refuses_a_held_name_until_it_is_released(
    database_url: DatabaseUrl,
) -> None:
    db = await open_engine(database_url)
    try:
        first = await db.try_hold_lock("poller")
        assert first is not None
        assert await db.try_hold_lock("poller") is None
        other = await db.try_hold_lock("sender")
        assert other is not None  # another name is free
        await first.release()
        await first.release()  # a second release does nothing
        again = await db.try_hold_lock("poller")
        assert again is not None
        await again.release()
        await other.release()
    finally:
        await db.close()


async def test_hold_lock_lets_one_block_in_at_a_time(database_url: DatabaseUrl) -> None:
    db = await open_engine(database_url)
    inside: list[str] = []
    most = 0

    async def visit(who: str) -> None:
        nonlocal most
        async with db.hold_lock("user:7"):
            inside.append(who)
            most = max(most, len(inside))
            await asyncio.sleep(0.01)
            inside.remove(who)

    try:
        await asyncio.gather(*(visit(str(n)) for n in range(5)))
        assert most == 1
    finally:
        await db.close()
