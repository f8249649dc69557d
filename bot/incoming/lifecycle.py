
"""Running the Application by hand until SIGINT or SIGTERM, in PTB's own order.

Long polling and our webhook server both run through here, inside the event loop that also
opened the storage (bot/runner.py): initialise, post_init, start receiving, start; then stop
receiving, stop, post_stop, shutdown, post_shutdown. A signal during the start (say, while
waiting for the network) ends it at once, as cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.error import NetworkError

from bot.core.services import SherpaApp

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


async def run_until_stopped(
    application: SherpaApp,
    *,
    start_receiving: Callable[[], Awaitable[Any]],
    stop_receiving: Callable[[], Awaitable[Any]],
    retries: int,
    stop: asyncio.Event,
) -> None:
    """Run until a stop signal arrives or `stop` is set; everything in flight finishes."""
    main = asyncio.current_task()
    assert main is not None

    started = False  # application.running is False while starting *and* while stopping

    def on_signal() -> None:
        stop.set()
        # Cancel only a start that may be waiting for the network; a second signal during a
        # graceful stop must not cut it short (in-flight updates, the worker, shutdown).
        if not started:
            main.cancel()

    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal)
    initialized = False
    try:
        await retrying(application.initialize, retries, "start")
        initialized = True
        if application.post_init:
            await application.post_init(application)
        await start_receiving()
        await application.start()
        started = True
        await stop.wait()
    except asyncio.CancelledError:
        if not stop.is_set():
            raise
    finally:
        await stop_receiving()  # no new updates; what is queued is handled by stop()
        if application.running:
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
        if initialized:
            await application.shutdown()
            if application.post_shutdown:
                await application.post_shutdown(application)
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


async def retrying(action: Callable[[], Awaitable[Any]], retries: int, what: str) -> None:
    """Retry while Telegram is unreachable (a reboot before the network is up), with back-off."""
    delay = 1.0
    for attempt in range(retries + 1):
        try:
            await action()
            return
        except NetworkError as error:
            if attempt == retries:
                raise
            log.warning("could not %s (%s); retrying in %.0f s", what, error.message, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
