"""Locks across instances on SQLite: the file has one instance, so they are the process's."""

from __future__ import annotations

import asyncio
from pathlib import Path

from storage.sqlite import SqliteDatabase
from storage.url import DatabaseUrl


async def test_try_hold_lock_refuses_a_held_name_until_it_is_released(tmp_path: Path) -> None:
    db = await SqliteDatabase.open(DatabaseUrl.sqlite(tmp_path / "s.sqlite3"))
    try:
        first = await db.try_hold_lock("poller")
        assert first is not None
        assert await db.try_hold_lock("poller") is None
        assert await db.try_hold_lock("sender") is not None  # another name is free
        await first.release()
        await first.release()  # a second release does nothing
        assert await db.try_hold_lock("poller") is not None
    finally:
        await db.close()


async def test_hold_lock_lets_one_block_in_at_a_time(tmp_path: Path) -> None:
    db = await SqliteDatabase.open(DatabaseUrl.sqlite(tmp_path / "s.sqlite3"))
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
