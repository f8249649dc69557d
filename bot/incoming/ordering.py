"""Incoming updates: different users handled concurrently, one user's updates in order.

Also across instances: an update is handled in its sender's turn (`user:N`, bot/core/turns.py:
a row in the database on PostgreSQL, held without a connection; the process's own lock on
SQLite), and in it the sender's updates that were stored earlier, by whichever instance, are
handled first. An update whose turn cannot be had (the database away, this instance's lease
lapsed) is given back at once, to be tried again, never left waiting in hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any, Protocol
from weakref import WeakValueDictionary

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.core.handling import handling
from bot.ops import hooks

log = logging.getLogger(__name__)

UNBOUNDED = 1_000_000  # updates PTB may have started at once; they wait in our locks


class Turns(Protocol):
    """What the processor needs from the inbox (bot/incoming/inbox.py)."""

    def hold(self, key: str, update: object = None) -> AbstractAsyncContextManager[None]:
        """The lock across instances for one sender (or one update without a sender); with
        the sender's `update`, what `earlier` needs may be read as the turn is taken."""
        ...

    async def earlier(self, update: object) -> list[Update]:
        """The sender's updates stored before this one and not handled yet."""
        ...

    async def handle_now(self, update: Update) -> None:
        """Run the handlers on one of those."""
        ...

    async def handled(self, update: object, turn: str | None = None) -> None:
        """Told once an update was handled (the inbox then forgets it); `turn`: the turn
        it was handled in, when nothing else is done in that turn after it."""
        ...

    def give_back(self, update: object) -> None:
        """The update could not be handled now; `handled` then keeps it to try again."""
        ...


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, but one at a time per user (or chat), in arrival order.

    PTB starts the updates in the order Telegram sent them; asyncio locks are fair (FIFO),
    so waiting on the sender's lock keeps that order for each user in this instance; the
    lock across instances and the earlier updates (`Turns`) keep it across instances.
    """

    def __init__(self, max_concurrent_updates: int = 64, turns: Turns | None = None) -> None:
        # PTB takes its slot before do_process_update, so a user waiting for their own lock
        # would hold one: its limit is set out of reach, and ours is taken inside the lock.
        super().__init__(UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()
        self._turns = turns

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the sender's earlier updates, then take a slot and handle this one.

        The sender's lock comes before the slot: one user's burst (a crash replay, a flood of
        forwards) then waits in line without taking the slots everyone else needs. The turn
        across instances comes after the slot.
        """
        hooks.received(update)
        key = _sender(update)
        started = False
        try:
            if key is None:
                async with self._slots, self._across(update, None):
                    started = True
                    turn = f"update:{update.update_id}" if isinstance(update, Update) else None
                    await self._handle(update, coroutine, turn=turn)
                return
            lock = self._locks.get(key)
            if lock is None:
                lock = self._locks[key] = asyncio.Lock()
            async with lock, self._slots, self._across(update, key):
                if self._turns is not None:
                    for earlier in await self._turns.earlier(update):
                        try:
                            await self._handle(earlier, self._turns.handle_now(earlier))
                        except Exception as error:  # counted as handled; this one comes next
                            log.error(
                                "update %s failed: %s", earlier.update_id, type(error).__name__
                            )
                started = True
                # The last in the turn: its finish lets the turn go too.
                await self._handle(update, coroutine, turn=f"user:{key}")
        except Exception as error:
            if started or self._turns is None:
                raise
            # No turn (the database away, our lease lapsed): back to the inbox, tried again.
            if inspect.iscoroutine(coroutine):
                coroutine.close()
            log.warning("update %s given back (%s)", _update_id(update), type(error).__name__)
            self._turns.give_back(update)
            with contextlib.suppress(Exception):
                await self._done(update)

    def _across(self, update: object, key: int | None) -> AbstractAsyncContextManager[None]:
        if self._turns is None:
            return nullcontext()
        if key is not None:
            return self._turns.hold(f"user:{key}", update)
        if isinstance(update, Update):  # no sender (a poll's state): once, by update
            return self._turns.hold(f"update:{update.update_id}")
        return nullcontext()

    async def _handle(
        self, update: object, coroutine: Awaitable[Any], turn: str | None = None
    ) -> None:
        # What the handling leaves to its finish (bot/core/handling.py) is written by `_done`.
        with handling():
            try:
                await hooks.timed_handling(update, coroutine)
            except Exception:
                # Handler errors went to the error handler already; what escapes would fail
                # the same way on every replay, so it counts as handled too.
                await self._done(update, turn)
                raise
            # Cancelled (a stop mid-way) is no Exception: the update stays for the next start.
            await self._done(update, turn)

    async def _done(self, update: object, turn: str | None = None) -> None:
        if self._turns is not None:
            await self._turns.handled(update, turn)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _update_id(update: object) -> int | None:
    return update.update_id if isinstance(update, Update) else None


def _sender(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None
