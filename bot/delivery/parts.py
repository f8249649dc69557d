"""Multi-part deliveries resume where they stopped: each part that went out is recorded on
its outbox item, so a retry after a failed part sends only the parts still missing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from storage import OutboxItem
from storage.outbox import OutboxRepository


class Parts:
    """Sends the parts of one message in order, skipping those an earlier attempt sent."""

    def __init__(self, record: Callable[[int], Awaitable[None]] | None = None, done: int = 0):
        self._record, self._done, self._next = record, done, 0

    @classmethod
    async def of(cls, outbox: OutboxRepository, item: OutboxItem) -> Parts:
        """The parts of an outbox item, as far as earlier attempts got."""

        async def record(count: int) -> None:
            await outbox.set_parts_sent(item.id, count)

        return cls(record, await outbox.parts_sent(item.id))

    async def send(self, part: Callable[[], Awaitable[Any]]) -> None:
        """Send the next part, unless it went out before; raises what the part raises."""
        index, self._next = self._next, self._next + 1
        if index < self._done:
            return
        await part()
        self._done = index + 1
        if self._record is not None:
            await self._record(self._done)
