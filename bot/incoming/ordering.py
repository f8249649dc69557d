"""Incoming updates: different users handled concurrently, one user's updates in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from weakref import WeakValueDictionary

from telegram import Update
from telegram.ext import BaseUpdateProcessor

UNBOUNDED = 1_000_000  # updates PTB may have started at once; they wait in our locks


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, but one at a time per user (or chat), in arrival order.

    PTB starts the updates in the order Telegram sent them; asyncio locks are fair (FIFO),
    so waiting on the sender's lock keeps that order for each user.
    """

    def __init__(
        self,
        max_concurrent_updates: int = 64,
        after: Callable[[object], Awaitable[None]] | None = None,
    ) -> None:
        # PTB takes its slot before do_process_update, so a user waiting for their own lock
        # would hold one: its limit is set out of reach, and ours is taken inside the lock.
        super().__init__(UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()
        self._after = after  # told once an update was handled (the inbox then forgets it)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the sender's earlier updates, then take a slot and handle this one.

        The sender's lock comes before the slot: one user's burst (a crash replay, a flood of
        forwards) then waits in line without taking the slots everyone else needs.
        """
        key = _sender(update)
        if key is None:
            async with self._slots:
                await self._handle(update, coroutine)
            return
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock, self._slots:
            await self._handle(update, coroutine)

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await coroutine
        except Exception:
            # Handler errors went to the error handler already; what escapes would fail the
            # same way on every replay, so it counts as handled too.
            await self._done(update)
            raise
        # Cancelled (a stop mid-way) is no Exception: the update stays for the next start.
        await self._done(update)

    async def _done(self, update: object) -> None:
        if self._after is not None:
            await self._after(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _sender(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None
