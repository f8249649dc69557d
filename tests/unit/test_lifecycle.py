"""The hand-run lifecycle: a second stop signal during a graceful stop never cuts it short."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from bot.incoming.lifecycle import run_until_stopped


class FakeApplication:
    """Just what run_until_stopped uses; stop() takes a while, as in-flight updates do."""

    def __init__(self) -> None:
        self.running = False
        self.steps: list[str] = []
        self.post_init = self.post_stop = self.post_shutdown = None

    async def initialize(self) -> None:
        self.steps.append("initialize")

    async def start(self) -> None:
        self.running = True
        self.steps.append("start")

    async def stop(self) -> None:
        self.running = False  # PTB marks it stopped first, then waits for what is in flight
        os.kill(os.getpid(), signal.SIGTERM)  # an impatient second Ctrl-C, or a SIGTERM
        await asyncio.sleep(0.05)
        self.steps.append("stopped")

    async def shutdown(self) -> None:
        self.steps.append("shutdown")


async def test_a_second_signal_during_the_stop_lets_it_finish():
    app = FakeApplication()
    stop = asyncio.Event()

    async def receiving() -> None:
        asyncio.get_running_loop().call_soon(os.kill, os.getpid(), signal.SIGTERM)

    async def nothing() -> Any:
        return None

    await run_until_stopped(
        app,  # type: ignore[arg-type]
        start_receiving=receiving,
        stop_receiving=nothing,
        retries=0,
        stop=stop,
    )
    assert app.steps == ["initialize", "start", "stopped", "shutdown"]
