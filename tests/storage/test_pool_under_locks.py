"""PostgreSQL: tasks holding every pooled connection under hold_lock still get their writes in.

Handling an update holds the sender's lock, and with it a pooled connection, for the whole
handling; meanwhile the webhook stores the next update. A write that took the instance's turn
before it had a connection waited for the pool while every holder waited for that turn.
"""

from __future__ import annotations

import asyncio

from storage.postgres import POOL_SIZE, PostgresDatabase
from storage.url import DatabaseUrl


async def test_a_write_waiting_for_the_pool_does_not_block_the_lock_holders_writes(
    pg_url: DatabaseUrl,
):
    db = await PostgresDatabase.open(pg_url)
    try:
        await db.write("CREATE TABLE seen (n BIGINT)")
        go, holding = asyncio.Event(), asyncio.Semaphore(0)

        async def handle(n: int) -> None:
            async with db.hold_lock(f"user:{n}"):  # one pooled connection each
                holding.release()
                await go.wait()
                await db.write("INSERT INTO seen (n) VALUES (?)", (n,))

        holders = [asyncio.create_task(handle(n)) for n in range(POOL_SIZE)]
        for _ in range(POOL_SIZE):
            await holding.acquire()  # every connection of the pool is held now
        store = asyncio.create_task(db.write("INSERT INTO seen (n) VALUES (?)", (-1,)))
        await asyncio.sleep(0.1)  # the store waits for a connection
        go.set()
        async with asyncio.timeout(10):  # the pool's own timeout is 30 s
            await asyncio.gather(*holders, store)
        row = await db.fetch_one("SELECT COUNT(*) FROM seen")
        assert row is not None and row[0] == POOL_SIZE + 1
    finally:
        await db.close()
