"""What keeps one Mini App user from taking the bot's time: a rate per signed launch, a queue
per user, and a short cache of built views. In memory, per instance; nothing here is data
that outlives the process, and no key holds initData itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

LAUNCH_BURST = 10  # requests one signed launch may make at once (a page's worth of taps)
LAUNCH_RATE = 1.0  # and then per second, sustained
USER_QUEUE = 3  # one user's requests building or waiting at once; more get a 429
CACHE_SECONDS = 30.0  # a built view is reused this long, while the user's data is unchanged
CACHE_BYTES = 16 * 1024 * 1024  # all cached views together
TRACKED = 10_000  # launches remembered at most (idle ones are dropped first)


class Busy(Exception):
    """Too many requests at once, or too fast from one launch: a 429, kindly worded."""


@dataclass
class _Bucket:
    tokens: float
    at: float


class LaunchRate:
    """A token bucket per signed launch: a replayed initData beyond a small rate is refused.

    Keyed by a digest of the launch, never by the launch itself.
    """

    def __init__(
        self,
        burst: int = LAUNCH_BURST,
        rate: float = LAUNCH_RATE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._burst, self._rate, self._clock = burst, rate, clock
        self._buckets: dict[bytes, _Bucket] = {}

    def take(self, launch: str) -> None:
        """Count one request of this launch; Busy when its bucket is empty."""
        now = self._clock()
        key = hashlib.sha256(launch.encode()).digest()[:16]
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= TRACKED:
                self._forget_idle(now)
            bucket = self._buckets[key] = _Bucket(float(self._burst), now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.at) * self._rate)
        bucket.at = now
        if bucket.tokens < 1:
            raise Busy("launch rate")
        bucket.tokens -= 1

    def _forget_idle(self, now: float) -> None:
        full = self._burst / self._rate  # a bucket idle this long is full again: nothing to keep
        for key in [k for k, b in self._buckets.items() if now - b.at >= full]:
            del self._buckets[key]
        while len(self._buckets) >= TRACKED:  # all busy: drop the oldest
            del self._buckets[next(iter(self._buckets))]


@dataclass
class _Line:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class UserQueue:
    """One user's views are built one at a time; a few more may wait, the rest get Busy.

    One at a time per user also means a burst of the same request builds once: the ones
    behind it find it in the cache.
    """

    def __init__(self, depth: int = USER_QUEUE) -> None:
        self._depth = depth
        self._lines: dict[int, _Line] = {}

    @asynccontextmanager
    async def turn(self, user_id: int) -> AsyncIterator[None]:
        """Hold the user's turn; Busy at once when their queue is full."""
        line = self._lines.setdefault(user_id, _Line())
        if line.waiting >= self._depth:
            raise Busy("user queue")
        line.waiting += 1
        try:
            async with line.lock:
                yield
        finally:
            line.waiting -= 1
            if line.waiting == 0:
                del self._lines[user_id]


class ViewCache:
    """Built views (JSON bytes) for a short time, least recently used out first.

    A key starts with the user id and holds their data version; a user's entries go as soon
    as their data changes or they are erased.
    """

    def __init__(
        self,
        seconds: float = CACHE_SECONDS,
        limit: int = CACHE_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._seconds, self._limit, self._clock = seconds, limit, clock
        self._entries: OrderedDict[tuple[int, Hashable], tuple[float, bytes]] = OrderedDict()
        self._size = 0

    def get(self, user_id: int, key: Hashable) -> bytes | None:
        """The cached view, if fresh."""
        found = self._entries.get((user_id, key))
        if found is None:
            return None
        stored, body = found
        if self._clock() - stored > self._seconds:
            self._drop((user_id, key))
            return None
        self._entries.move_to_end((user_id, key))
        return body

    def put(self, user_id: int, key: Hashable, body: bytes) -> None:
        """Keep a view; older ones go when the cache is full."""
        if len(body) > self._limit // 4:
            return
        self._drop((user_id, key))
        self._entries[(user_id, key)] = (self._clock(), body)
        self._size += len(body)
        while self._size > self._limit:
            self._drop(next(iter(self._entries)))

    def forget(self, user_id: int, keep: Callable[[Hashable], bool] = lambda _key: False) -> None:
        """Drop the user's views (all, or those `keep` says are stale)."""
        for entry in [e for e in self._entries if e[0] == user_id and not keep(e[1])]:
            self._drop(entry)

    def _drop(self, entry: tuple[int, Hashable]) -> None:
        found = self._entries.pop(entry, None)
        if found is not None:
            self._size -= len(found[1])
