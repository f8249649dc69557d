"""Whose turn it is to act for one person, across instances, without holding a connection.

A turn is a row in the database (storage/instances.py) held by this instance's presence
(bot/core/presence.py): taking it is one short statement, and while it is held, or waited
for, no pooled connection is kept. So a handler waiting on Telegram (a 429's minute) or on
another instance holds nothing the others need, and a turn of an instance that stops
renewing (killed, frozen, cut off) is free for the others within one lease.

Within the instance a name is held by one task at a time (an asyncio lock, fair), and a task
that holds it already joins: the handling of a person's update holds `user:N`, and /today or
/delete inside it take the same turn as the outbox's delivery to that person does. On SQLite
(one instance per file) the asyncio lock is all there is.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any
from weakref import WeakValueDictionary

from bot.core.bursts import Burst
from bot.core.presence import Lapsed, Presence
from storage import InboxItem, Storage

log = logging.getLogger(__name__)

POLL_FIRST, POLL_MOST = 0.02, 0.5  # seconds between looks while another instance has the turn
Take = tuple[str, str, str, tuple[int, int] | None]  # name, holder, token, look
Taken = tuple[bool, list[InboxItem] | None]  # taken, and what the look read


class Turns:
    """Named turns across instances; `hold(name)` waits for the turn, then holds it."""

    def __init__(self, storage: Storage, presence: Presence) -> None:
        self._storage, self._presence = storage, presence
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()
        self._held: dict[asyncio.Task[Any], set[str]] = {}
        self._unreleased: dict[str, str] = {}  # name -> token whose release failed
        self._tokens: dict[tuple[asyncio.Task[Any], str], str] = {}  # held: their tokens
        self._let_go: set[tuple[str, str]] = set()  # let go by another statement (let_go_with)
        # What a take looked for (see `hold`), until the holder asks (`looked`).
        self._looked: dict[tuple[asyncio.Task[Any], str], list[InboxItem]] = {}
        # Turns taken and let go at the same moment share one statement (bot/core/bursts.py).
        self._takes: Burst[Take, Taken] = Burst(self._take_burst)
        self._releases: Burst[tuple[str, str], None] = Burst(self._release_burst)

    def hold_lock(self, name: str) -> AbstractAsyncContextManager[None]:
        """The same as hold (the Runtime's name for it)."""
        return self.hold(name)

    @asynccontextmanager
    async def hold(self, name: str, look: tuple[int, int] | None = None) -> AsyncIterator[None]:
        """Hold the turn `name` for the block, waiting (without a connection) if taken.

        `look`: (sender, update id) to read, with the take (PostgreSQL: in the same call, after
        the turn was taken), the sender's updates not handled yet up to that one; `looked`
        gives them to the block. Nothing is read when no take is needed (SQLite; a task that
        holds the turn already)."""
        task = asyncio.current_task()
        assert task is not None
        held = self._held.setdefault(task, set())
        if name in held:  # this task has it already (an update's handling, then /today)
            yield
            return
        lock = self._locks.get(name)
        if lock is None:
            lock = self._locks[name] = asyncio.Lock()
        async with lock:
            token = None if self._storage.single_instance else await self._take(name, look)
            held.add(name)
            if token is not None:
                self._tokens[(task, name)] = token
            try:
                yield
            finally:
                held.discard(name)
                if not held:
                    self._held.pop(task, None)
                self._looked.pop((task, name), None)
                if token is not None:
                    self._tokens.pop((task, name), None)
                    if (name, token) in self._let_go:
                        self._let_go.discard((name, token))
                    else:
                        await self._release(name, token)

    def looked(self, name: str) -> list[InboxItem] | None:
        """What taking the turn `name` read for this task's `look` (once), or None when it read
        nothing (no take, or no look)."""
        task = asyncio.current_task()
        return None if task is None else self._looked.pop((task, name), None)

    def let_go_with(self, name: str) -> tuple[str, str] | None:
        """The turn `name` this task holds in the database, as (name, token), for a statement
        of the caller's to let go at the end of the turn, with what it writes last (the
        inbox's finish of the turn's update: one statement fewer). None when there is none
        (SQLite: turns live in the process). Once that statement succeeded, `let_go` says
        so; else the turn is let go as always when the block ends.
        """
        task = asyncio.current_task()
        token = self._tokens.get((task, name)) if task is not None else None
        return None if token is None else (name, token)

    def let_go(self, turns: list[tuple[str, str]]) -> None:
        """These turns (from `let_go_with`) are let go in the database already."""
        held = set(self._tokens.values())  # a block that ended meanwhile let its turn go
        self._let_go.update(turn for turn in turns if turn[1] in held)

    async def _take(self, name: str, look: tuple[int, int] | None = None) -> str:
        token, delay = secrets.token_hex(8), POLL_FIRST
        while True:
            self._presence.check()
            if not self._presence.valid():
                raise Lapsed("this instance's presence is not renewed")
            attempt = self._takes.start((name, self._presence.id, token, look))
            try:
                taken, items = await asyncio.shield(attempt)
            except asyncio.CancelledError:  # taken all the same, maybe: let it go then
                attempt.add_done_callback(lambda done: self._abandoned(done, name, token))
                raise
            if taken:
                self._unreleased.pop(name, None)
                task = asyncio.current_task()
                if items is not None and task is not None:
                    self._looked[(task, name)] = items
                return token
            await asyncio.sleep(delay)
            delay = min(delay * 1.5, POLL_MOST)

    def _abandoned(self, attempt: asyncio.Future[Taken], name: str, token: str) -> None:
        if not attempt.cancelled() and attempt.exception() is None and attempt.result()[0]:
            self._unreleased[name] = token  # released after the next renewal

    async def _take_burst(self, wanted: list[Take]) -> list[Taken]:
        taken = await self._storage.inbox.take_turns(wanted)
        return [
            ((name, token) in taken, taken.get((name, token))) for name, _, token, _ in wanted
        ]

    async def _release_burst(self, held: list[tuple[str, str]]) -> list[None]:
        await self._storage.turns.release_many(held)
        return [None for _ in held]

    async def _release(self, name: str, token: str) -> None:
        try:
            await self._releases.submit((name, token))
        except Exception as error:  # retried after the next renewal (retry_releases)
            log.warning("could not release a turn (%s); retrying", type(error).__name__)
            self._unreleased[name] = token

    async def retry_releases(self, _: bool = False) -> None:
        """Release what could not be released before (after a renewal of the presence)."""
        for name, token in list(self._unreleased.items()):
            await self._storage.turns.release(name, token)
            if self._unreleased.get(name) == token:
                del self._unreleased[name]
