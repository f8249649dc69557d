"""Per-user order without one user's burst taking the slots everyone else needs."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.incoming.ordering import PerUserUpdateProcessor

WHEN = datetime(2026, 3, 2, tzinfo=UTC)


def _update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "X", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, WHEN, chat, from_user=user, text="hoi"))


async def test_a_burst_from_one_user_leaves_room_for_another():
    processor = PerUserUpdateProcessor(max_concurrent_updates=2)
    release, handled = asyncio.Event(), []

    async def handle(name: str) -> None:
        if name.startswith("ann"):
            await release.wait()  # Ann's first update is slow (say, waiting on Telegram)
        handled.append(name)

    anns = [
        asyncio.create_task(processor.process_update(_update(i, 1), handle(f"ann{i}")))
        for i in range(1, 6)
    ]
    await asyncio.sleep(0)
    bob = asyncio.create_task(processor.process_update(_update(99, 2), handle("bob")))
    await asyncio.wait_for(bob, timeout=5)  # not stuck behind Ann's queue
    assert handled == ["bob"]
    release.set()
    await asyncio.gather(*anns)
    assert handled == ["bob", "ann1", "ann2", "ann3", "ann4", "ann5"]  # hers stayed in order
