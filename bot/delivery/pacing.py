"""The global schedule of bulk sends: one slot every 1/OUTBOX_RATE seconds, for the whole bot.

OUTBOX_RATE is Telegram's limit for the bot, not for an instance, so on PostgreSQL (where
several instances may run) the schedule lives in the database: one row holds the next free
slot, and an instance reserves RESERVE slots at a time with one UPDATE that computes the
refill itself (portable SQL, storage/send_schedule.py). Stretches never overlap, so however
many instances send, together they keep to the rate; each paces its own stretch exactly.

Why a shared schedule and not one sender elected by lock: every instance keeps sending (no
failover gap, no standby), and the rate holds even when an instance stalls or loses its
database connection unnoticed, where an election could briefly have two senders. The cost is
one UPDATE per RESERVE sends. Per-chat spacing stays in each process (bot/delivery/limiter.py):
one outbox item goes to one instance, and its parts with it.

On SQLite there is one instance per file, so the schedule stays in the process, as before.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from typing import Protocol

from storage import Storage
from storage.send_schedule import SendScheduleRepository

RESERVE = 5  # slots per round trip: ~6 UPDATEs a second in all at 30/s
# Seconds: a reserved slot up to this late is still used (a busy event loop or a descheduled
# process wakes late; one instance's own schedule sends late the same way). An older one is
# dropped: its second has gone by, and using it would crowd the next. Dropping every late
# slot (5 ms) cost 6.5% of the rate on a loaded machine (benchmarks/fanout_instances.py).
STALE = 0.1


class SlotSchedule(Protocol):
    """Hands out bulk send slots, in the limiter's clock."""

    async def take(self, earliest: float) -> float:
        """The next free slot, not before `earliest`."""
        ...

    async def pause_until(self, moment: float) -> None:
        """No slot before `moment` (a 429 asked the bot to wait)."""
        ...


class LocalSchedule:
    """The schedule of the only instance: kept in memory."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def take(self, earliest: float) -> float:
        slot = max(earliest, self._next)
        self._next = slot + self.interval
        return slot

    async def pause_until(self, moment: float) -> None:
        self._next = max(self._next, moment)


class SharedSchedule:
    """The bot's one schedule, in the database; slots reserved a few at a time."""

    def __init__(
        self,
        repository: SendScheduleRepository,
        rate: float,
        reserve: int = RESERVE,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.repository, self.interval, self.reserve = repository, 1.0 / rate, reserve
        self._clock, self._wall = clock, wall
        self._slots: collections.deque[float] = collections.deque()  # in wall-clock seconds
        self.round_trips = 0

    async def take(self, earliest: float) -> float:
        offset = self._wall() - self._clock()  # the database holds wall-clock seconds
        earliest_wall = earliest + offset
        while self._slots and self._slots[0] < earliest_wall - STALE:
            self._slots.popleft()  # nobody here needed it in time: it stays unused
        if not self._slots:
            start = await self.repository.reserve(earliest_wall, self.reserve * self.interval)
            self.round_trips += 1
            self._slots.extend(start + i * self.interval for i in range(self.reserve))
        return self._slots.popleft() - offset

    async def pause_until(self, moment: float) -> None:
        until = moment + self._wall() - self._clock()
        self._slots = collections.deque(s for s in self._slots if s >= until)
        await self.repository.push_back(until)


def bulk_schedule(storage: Storage, rate: float) -> SlotSchedule:
    """The schedule for this database: in the process when it has one instance, else shared."""
    if storage.single_instance:
        return LocalSchedule(rate)
    return SharedSchedule(storage.send_schedule, rate)
