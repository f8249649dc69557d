"""The chart pool: pictures drawn in worker processes, so a Friday burst uses every core.

matplotlib is CPU-bound Python that holds the GIL, so threads cannot draw two pictures at
once; processes can. Workers start at the first chart, not with the bot (an idle instance
pays neither their memory nor their start-up), import matplotlib once each, and stay.
matplotlib is never imported in the bot's own process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import partial
from multiprocessing.context import BaseContext

from bot.core.texts import Catalog
from bot.ops import hooks
from bot.verrekijker.models import WeekView

log = logging.getLogger(__name__)

CHART_MODULE = "bot.verrekijker.chart"
# Beyond four, the send rate (a picture and a text per user at OUTBOX_RATE) is the limit,
# and each worker holds its own matplotlib and catalog (~70 MB, measured as PSS).
MAX_DEFAULT_WORKERS = 4

_texts: Catalog | None = None  # in a worker: the catalog it was started with


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, which containers narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker per usable core, at most MAX_DEFAULT_WORKERS.

    Not cores - 1: during a burst the bot's own process mostly waits on Telegram, and the
    kernel shares a core between it and a worker well; on 2 cores, one worker would draw
    no faster than today's single thread.
    """
    return max(1, min(usable_cores(), MAX_DEFAULT_WORKERS))


def _context() -> BaseContext:
    """A fresh interpreter per worker, never a fork of the bot (its threads and event loop).

    forkserver: one clean server process imports matplotlib once, and every worker (also a
    replacement for one that died) is forked from it, ready in milliseconds. spawn where the
    platform has no forkserver.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([CHART_MODULE])
        return context
    return multiprocessing.get_context("spawn")


def _start_worker(texts: Catalog, bot_pid: int) -> None:
    """In a new worker: keep the catalog, and draw once so the first real chart is quick."""
    global _texts
    _texts = texts
    # Ctrl+C in a terminal reaches the whole process group: the bot stops, and it ends its
    # workers itself, after the charts in flight.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_after, args=(bot_pid,), name="bot-watch", daemon=True).start()
    from bot.verrekijker import chart

    chart.warm_up()


def _exit_after(bot_pid: int) -> None:
    """In a worker: end when the bot's process ends. A worker waits on a queue it holds both
    ends of, so a bot killed with SIGKILL would otherwise leave its workers running forever."""
    try:
        watched: int | None = os.pidfd_open(bot_pid)  # Linux: readable once the bot is gone
    except (AttributeError, OSError):
        watched = None
    if watched is not None:
        select.select([watched], [], [])
    else:
        while _running(bot_pid):
            time.sleep(2)
    os._exit(0)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _draw(week: WeekView, baseline: tuple[float, ...], lang: str) -> bytes:
    """In a worker: one picture."""
    from bot.verrekijker.chart import render_chart

    assert _texts is not None, "the worker was started without its catalog"
    return render_chart(week, baseline, lang, _texts)


class ChartPool:
    """Draws verrekijker pictures in `workers` processes; `close()` with the Application."""

    def __init__(self, texts: Catalog, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._texts = texts  # sent once per worker, not with every chart
        # Made at the first chart: even an empty pool starts a helper process (its queues'
        # resource tracker), which an idle bot does not need.
        self._executor: ProcessPoolExecutor | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(self._texts, os.getpid()),
        )

    async def render(self, week: WeekView, baseline: Sequence[float], lang: str) -> bytes:
        """The week's PNG. A worker that died (killed, out of memory) takes every chart in
        flight with it: the pool is replaced and each of those is drawn once more. An error
        in drawing itself (ValueError, ...) is raised as it is."""
        return await hooks.drawing(self._render(week, baseline, lang))

    async def _render(self, week: WeekView, baseline: Sequence[float], lang: str) -> bytes:
        # The picture needs counts and scales only: the answers' words stay in this process.
        week = replace(week, groups=(), lenses=(), boundary_quotes=())
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            executor = self._executor = self._executor or self._new_executor()
            try:
                # Off the loop: a submit may start a worker, and the first one waits until the
                # fork server has imported matplotlib (seconds on a busy machine).
                submit = partial(executor.submit, _draw, week, tuple(baseline), lang)
                return await asyncio.wrap_future(await loop.run_in_executor(None, submit))
            except BrokenProcessPool:
                if attempt == 2:
                    raise
                self._replace(executor)
        raise AssertionError("unreachable")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A fresh pool for a broken one, once, however many charts saw it break."""
        if self._executor is broken:
            log.warning("a chart worker died; starting fresh chart workers")
            self._executor = None  # the next attempt makes a new one
            broken.shutdown(wait=False)

    @property
    def pids(self) -> list[int]:
        """The worker processes running now (none before the first chart)."""
        executor = self._executor
        processes = (executor._processes if executor else None) or {}  # None once shut down
        return [p.pid for p in processes.values() if p.pid is not None]

    def close(self) -> None:
        """Let the charts being drawn finish, then end the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
