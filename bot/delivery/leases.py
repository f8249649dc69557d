"""The outbox items an instance is sending are held by its presence, so instances share one
outbox.

A claim leases each item to this instance's presence (bot/core/presence.py): the item is its
own for as long as the presence is renewed, however long the send takes (Telegram may ask to
wait minutes). Nothing per item is renewed: one renewal keeps them all.

Another instance takes an item back only when its holder is gone: killed, frozen or cut off
from the database long enough for its presence to lapse (one lease). An instance takes back
its own lapsed items too: after a lapse it goes on under a new id, and what the old id held
comes back like any gone instance's. Items this instance is still settling (their send's
result is known here but not yet recorded) are kept out of that. What comes back may arrive
twice: at most what the gone instance had in flight (its claims, bounded by
OUTBOX_CONCURRENCY). On SQLite, the restarted (only) instance takes back everything at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from bot.core.clock import Clock
from bot.core.presence import Presence
from storage import Storage

log = logging.getLogger(__name__)


class Leases:
    """Taking back what a gone instance (or this one, under an id that lapsed) had in flight."""

    def __init__(self, storage: Storage, clock: Clock, presence: Presence) -> None:
        self.storage, self.clock, self.presence = storage, clock, presence
        self._settling: Callable[[], Collection[int]] = tuple
        self._taken_back: Callable[[int], None] = lambda _: None

    @property
    def instance(self) -> str:
        """The id the outbox's leases are held under now."""
        return self.presence.id

    async def start(
        self, settling: Callable[[], Collection[int]], taken_back: Callable[[int], None]
    ) -> int:
        """Take back what lapsed; then again after every renewal of the presence.

        Returns how many items came back now. `settling` names the items whose outcome this
        instance still has to record; `taken_back` hears of items taken back later.
        """
        self._settling, self._taken_back = settling, taken_back
        recovered = await self.take_back()
        self.presence.on_renewal(self._renewed)
        return recovered

    async def take_back(self) -> int:
        """Put back what is in flight under a gone instance's lease."""
        if not self.presence.may_lease():
            return 0
        return await self.storage.outbox.take_back(self.clock.now(), sorted(self._settling()))

    async def _renewed(self, lapsed: bool) -> None:
        if count := await self.take_back():
            log.warning("took back %s messages of an instance that stopped", count)
            self._taken_back(count)
