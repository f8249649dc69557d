"""A throttle shared by instances: two instances at once never give out more than the limit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from storage import Storage
from storage.url import DatabaseUrl

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


async def test_two_instances_taking_group_reply_slots_at_once_stay_within_the_limit(
    database_url: DatabaseUrl,
):
    a, b = await Storage.open(database_url), await Storage.open(database_url)
    try:
        since = NOW - timedelta(minutes=1)
        taken = await asyncio.gather(
            *(
                storage.team_guard.take_slot("group", -100, NOW, since, 10)
                for _ in range(20)
                for storage in (a, b)
            )
        )
        assert taken.count(True) == 10
    finally:
        await a.close()
        await b.close()
