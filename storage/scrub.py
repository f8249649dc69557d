"""Emptying SQLite's write-ahead log after an erase, also while another connection reads.

A deleted or replaced row's old text stays in the -wal file until a checkpoint copies the
log into the database file and truncates it. A reader holding an older snapshot (a backup,
an sqlite3 shell, `python -m bot status`) makes that checkpoint report "busy": then we wait a
little and try again, and when the reader holds on longer, keep trying in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

# About three seconds in all: a reader is usually gone by then, and the user waits for it.
INLINE_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)
BACKGROUND_EVERY = 5.0


def checkpoint(path: str) -> bool:
    """One TRUNCATE checkpoint on its own connection; True when the log is empty afterwards.

    Its own connection with no busy timeout, so a reader never blocks the bot's connection.
    """
    try:
        connection = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return False
    try:
        busy, frames, _copied = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # another checkpoint or a writer holds the lock
        return False
    finally:
        connection.close()
    return bool(busy == 0 and frames <= 0)  # -1: not in WAL mode, nothing to empty


class LogScrubber:
    """Checkpoints one database file until its log is empty; see the module docstring."""

    def __init__(self, path: str | Path) -> None:
        self._path = None if str(path) == ":memory:" else os.fspath(path)
        self._background: asyncio.Task[None] | None = None
        self.owed = False  # erased text may still be in the log

    async def attempt(self) -> bool:
        """Try once; True when the log is empty."""
        if self._path is None:
            return True
        done = await asyncio.to_thread(checkpoint, self._path)
        self.owed = not done
        return done

    async def scrub(self) -> bool:
        """Try for a few seconds; on failure go on in the background and return False."""
        if await self.attempt():
            return True
        for delay in INLINE_DELAYS:
            await asyncio.sleep(delay)
            if await self.attempt():
                return True
        if self._background is None or self._background.done():
            self._background = asyncio.create_task(self._keep_trying(), name="scrub-log")
        return False

    async def _keep_trying(self) -> None:
        # Never a word of the text itself: only that a reader holds an older snapshot.
        log.warning(
            "erased text is still in the write-ahead log of the database: another connection"
            " (a backup, an sqlite3 shell) holds an older snapshot; retrying every %.0f s",
            BACKGROUND_EVERY,
        )
        while not await self.attempt():
            await asyncio.sleep(BACKGROUND_EVERY)
        log.info("write-ahead log emptied: the erased text is gone from the database files")

    async def close(self) -> None:
        """Stop retrying; say so when the log may still hold erased text."""
        if self._background is not None and not self._background.done():
            self._background.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._background
        if self.owed and not await self.attempt():
            log.warning(
                "stopping while another connection still holds an older snapshot: erased text"
                " stays in the write-ahead log until that reader closes and Sherpa starts again"
            )
