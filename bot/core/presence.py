"""This instance's presence in the shared database: one row, renewed while the process lives.

Everything an instance holds across instances (its inbox rows, its outbox items, its turns)
names its presence and is held exactly while that presence is alive on the database's clock
(storage/instances.py). Renewing is one statement every quarter lease, on the pool like any
other: nothing waits on a connection of its own.

Liveness is what counts, not a session: a process that is frozen (SIGSTOP, a paused VM, a
stuck disk) or cut off from the database stops renewing and so loses everything within one
lease, and the others carry on. When it comes back it must not act on what it held: its own
view ends `MARGIN` before the lease does, measured on the monotonic clock from the start of
the last renewal that went through. A task acting for the instance (handling an update,
sending an outbox item) runs `acting()`, and `check()` before each Bot API call refuses to go
on once that view ended or the presence was renewed under a new id. After such a lapse the
instance starts again under a new id, and takes back what it held under the old one like
anything else a gone instance left.

Clocks: the skew between this machine's clock and the database's is measured at the start
and on every renewal; past WARN_SKEW it is logged, and past the margin this instance takes
no leases of others (a wrong clock reads the schedule wrongly; the leases themselves only
use the database's clock).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar

from storage import Storage

log = logging.getLogger(__name__)

WARN_SKEW = 2.0  # seconds between this machine's clock and the database's: logged
FORGET_AFTER = 24 * 3600.0  # seconds: rows of instances gone this long are removed
RETRY_FIRST, RETRY_MOST = 0.25, 5.0  # seconds between renewals while the database is away

_ACTING: ContextVar[str | None] = ContextVar("sherpa_acting_as", default=None)


class Lapsed(Exception):
    """This instance's presence lapsed while a task acted for it: the task must stop."""


def new_instance_id() -> str:
    """An id for one presence: readable in `status`, never used twice."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class Presence:
    """Registers this instance, keeps it alive, and tells its tasks whether they may act."""

    def __init__(
        self,
        storage: Storage,
        lease: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.storage, self.lease = storage, lease
        self.margin = lease / 4  # our own view of the lease ends this much before the lease
        self.every = lease / 4  # between renewals: two can fail before the view ends
        self.id = new_instance_id()
        self.skew = 0.0  # this machine's clock minus the database's, in seconds
        self._monotonic, self._wall = monotonic, wall
        self._valid_until = 0.0
        self._renewed: list[Callable[[bool], Awaitable[None]]] = []
        self._task: asyncio.Task[None] | None = None
        self._skew_warned = False

    def on_renewal(self, listener: Callable[[bool], Awaitable[None]]) -> None:
        """Run `listener(new_id)` after every renewal (True when the id changed after a lapse):
        the inbox and the outbox take over and take back there."""
        self._renewed.append(listener)

    async def start(self) -> None:
        """Register (measuring the clocks), then renew in the background."""
        started = self._monotonic()
        await self._measure()
        await self.storage.instances.register(self.id, self.lease)
        if self.storage.single_instance:  # SQLite's file lock: earlier runs are gone
            await self.storage.instances.forget_all_but(self.id)
        self._valid_until = started + self.lease - self.margin
        self._task = asyncio.create_task(self._keep(), name="presence")

    async def stop(self) -> None:
        """Stop renewing and let go of the row: what is left is free for others at once."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._valid_until = 0.0
        with contextlib.suppress(Exception):  # the database is away: the lease lapses anyway
            await self.storage.turns.release_all(self.id)
            await self.storage.instances.forget(self.id)

    def valid(self) -> bool:
        """Whether this instance may be sure it is still alive for the others."""
        return self._monotonic() < self._valid_until

    def may_lease(self) -> bool:
        """Whether to take leases of others now: alive, and the clocks agree within the margin."""
        return self.valid() and abs(self.skew) <= self.margin

    @contextlib.contextmanager
    def acting(self) -> Iterator[str]:
        """Mark the current task (and what it starts) as acting for this presence."""
        token = _ACTING.set(self.id)
        try:
            yield self.id
        finally:
            _ACTING.reset(token)

    def check(self) -> None:
        """Raise Lapsed when the current task acts for a presence that is no longer valid."""
        acting = _ACTING.get()
        if acting is not None and (acting != self.id or not self.valid()):
            raise Lapsed(f"the lease of {acting} lapsed")

    async def _keep(self) -> None:
        delay, failing = self.every, False
        while True:
            await asyncio.sleep(delay)
            try:
                await self.renew()
            except Exception as error:  # the database is away: try again soon
                if not failing:
                    log.warning("could not renew this instance's presence (%s)", _name(error))
                failing = True
                delay = min(max(delay * 2, RETRY_FIRST), RETRY_MOST, self.every)
                continue
            if failing:
                log.info("renewed this instance's presence again")
            delay, failing = self.every, False

    async def renew(self) -> None:
        """One renewal (and, after a lapse, a new id); then tell the listeners."""
        started = self._monotonic()
        await self._measure()
        lapsed = started >= self._valid_until
        instances = self.storage.instances
        if not lapsed and not await instances.renew(self.id, self.lease):
            lapsed = True  # our row was removed: we were taken for gone
        if lapsed:
            old, self.id = self.id, new_instance_id()
            await instances.register(self.id, self.lease)
            log.warning("this instance's lease lapsed: it goes on as %s", self.id)
            with contextlib.suppress(Exception):
                await instances.forget(old)  # what it held is free now, for us as for others
        self._valid_until = started + self.lease - self.margin
        with contextlib.suppress(Exception):
            await instances.forget_gone(FORGET_AFTER)
        for listener in self._renewed:
            try:
                await listener(lapsed)
            except Exception as error:
                log.warning("after renewing the presence: %s", _name(error))

    async def _measure(self) -> None:
        before = self._wall()
        database = await self.storage.instances.clock()
        after = self._wall()
        self.skew = (before + after) / 2 - database
        if abs(self.skew) > WARN_SKEW:
            if not self._skew_warned:
                log.warning(
                    "this machine's clock is %.1f s %s the database's: keep clocks in sync (NTP)%s",
                    abs(self.skew),
                    "ahead of" if self.skew > 0 else "behind",
                    "; taking no leases of other instances" if abs(self.skew) > self.margin else "",
                )
            self._skew_warned = True
        else:
            self._skew_warned = False


def _name(error: BaseException) -> str:
    return type(error).__name__
