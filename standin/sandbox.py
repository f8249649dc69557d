"""The real Application polling a local Bot API stand-in, on a clock moved by hand.

Shared by `python -m bot try` and the end-to-end tests, so both exercise exactly the
handlers, jobs and HTTP path that run in production.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from telegram import Update
from telegram.ext import TypeHandler

from bot.app import build_application, build_services, open_storage, purge_expired, runtime_of
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.runtime import Runtime
from bot.core.services import Services, SherpaApp
from bot.delivery import reader
from bot.delivery.worker import OutboxWorker
from standin import StandIn
from storage.url import DatabaseUrl

SETTLE_TIMEOUT = 10.0
QUICK_RETRIES = (0.01, 0.02, 0.04)


class Sandbox:
    """Runs the bot against `api` with a manual clock; `settle()` waits until it is idle.

    Built as bot/runner.py builds the bot: `start()` opens the storage, then builds the
    services and the Application; `stop()` closes the storage after the Application.
    """

    def __init__(self, settings: Settings, api: StandIn, clock: ManualClock) -> None:
        self.settings = settings
        self.api = api
        self.clock = clock
        self._built: tuple[Services, SherpaApp] | None = None
        self._handled = 0
        self._progress = asyncio.Event()

    @property
    def services(self) -> Services:
        """The running bot's services (after start)."""
        return self._running()[0]

    @property
    def application(self) -> SherpaApp:
        """The running bot's Application (after start)."""
        return self._running()[1]

    def _worker(self) -> OutboxWorker:
        """The outbox worker the composition root built (the sandbox drives it directly)."""
        worker = self.runtime.worker
        assert isinstance(worker, OutboxWorker)
        return worker

    @property
    def runtime(self) -> Runtime:
        """The running bot's runtime: the outbox worker, the chart pool, the locks."""
        return runtime_of(self.application)

    def _running(self) -> tuple[Services, SherpaApp]:
        if self._built is None:
            raise RuntimeError("the sandbox is not started")
        return self._built

    @classmethod
    def settings_for(cls, database: Path | DatabaseUrl, **overrides: object) -> Settings:
        """Settings for a sandbox: a given database (a SQLite path or a URL), no token needed."""
        # _env_file=None: a developer's .env must not leak into tests or the demo.
        # Overrides are checked by pydantic at run time, as environment values would be.
        if isinstance(database, DatabaseUrl) and database.engine != "sqlite":
            overrides = {"database_url": database.dsn, **overrides}
        else:
            path = database.path if isinstance(database, DatabaseUrl) else database
            overrides = {"database_path": path, **overrides}
        return Settings(_env_file=None, **overrides)  # type: ignore[arg-type]

    async def start(self) -> None:
        """Open the storage, build the bot; then initialise, post_init, poll, start."""
        storage = await open_storage(self.settings)
        try:
            services = build_services(self.settings, storage, self.clock)
            app = build_application(services, token=self.api.token, base_url=self.api.base_url)
        except BaseException:
            await storage.close()
            raise
        self._built = services, app
        # The very first group: it tells settle() an update was taken up (even a duplicate).
        app.add_handler(TypeHandler(Update, self._seen), group=-100)
        await app.initialize()
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await app.start()
        self._worker().quick_retries = QUICK_RETRIES  # the same logic, shorter waits

    async def stop(self) -> None:
        """Stop as the runner does, then close the storage."""
        app = self.application
        assert app.updater is not None and app.post_stop and app.post_shutdown
        try:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
                await app.post_stop(app)
            await app.shutdown()
            await app.post_shutdown(app)
        finally:
            await self.services.storage.close()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def settle(self) -> None:
        """Wait until every update pushed to the stand-in has been fully handled."""
        target = self.api.last_update_id
        await self.api.wait_delivered(SETTLE_TIMEOUT)
        async with asyncio.timeout(SETTLE_TIMEOUT):
            while self._handled < target:
                self._progress.clear()
                await self._progress.wait()
            await self.application.update_queue.join()

    async def run_schedule(self) -> int:
        """Run the schedule reader now and deliver what it queued; returns how many were sent.

        The periodic job and the worker do the same in the background; this waits for them.
        """
        outbox = self.services.storage.outbox
        before = (await outbox.health()).counts.get("sent", 0)
        await reader.enqueue_due(self.services)
        await self._worker().drain()
        return (await outbox.health()).counts.get("sent", 0) - before

    async def run_retention(self) -> int:
        """Run the nightly retention job now."""
        return await purge_expired(self.services)

    async def jump_to_next_due(self) -> datetime | None:
        """Move the clock to the next scheduled moment of anyone (None if nothing is scheduled).

        Call run_schedule() afterwards to deliver what fell due.
        """
        moment = await self.services.storage.users.next_due_moment(
            [kind.field for kind in self.services.user_kinds]
        )
        if moment is not None:
            self.clock.set(moment)
        return moment

    async def _seen(self, update: Update, _context: object) -> None:
        self._handled = max(self._handled, update.update_id)
        self._progress.set()
