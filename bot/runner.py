"""Running the real bot: long polling (or our webhook server) until SIGINT or SIGTERM.

One event loop from start to end: open the storage, build the services and the Application,
run PTB's lifecycle by hand (bot/incoming/lifecycle.py), close the storage.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import Conflict, TelegramError

from bot.app import build_application, build_services, open_storage
from bot.config import ConfigError, Settings
from bot.core import serving
from bot.core.services import SherpaApp
from bot.incoming.lifecycle import run_until_stopped
from bot.incoming.webhook import SETTINGS as WEBHOOK_SETTINGS
from bot.incoming.webhook import serve_webhook
from bot.webapp.server import SETTINGS as WEBAPP_SETTINGS
from storage.database import DatabaseUnavailable
from storage.instance_lock import InstanceLock

log = logging.getLogger(__name__)

# Telegram unreachable at start (a reboot before the network is up): retry with back-off,
# about two minutes in all, then stop with a clear message.
BOOTSTRAP_RETRIES = 8
ANOTHER_POLLER = (
    "another Sherpa is polling Telegram with this database; only one instance may poll:"
    " stop it, or run every instance with --webhook"
)


def run(settings: Settings, token: str, *, webhook: bool = False) -> None:
    """Poll (or serve a webhook) until stopped; in-flight work finishes, the database closes.

    Raises DatabaseUnavailable when another instance runs on this SQLite file or another
    instance polls (PostgreSQL: webhook instances may run side by side), and ConfigError
    when Telegram answers 409 Conflict (another poller with this token, or a webhook is set).
    """
    settings.require_public_webapp()  # Telegram opens only https:// Mini Apps
    # A port in use or an address not of this machine: one line now, not after Telegram.
    if webhook:
        serving.check_listen(settings.webhook_listen, settings.webhook_port, WEBHOOK_SETTINGS)
    if settings.webapp_url and settings.webapp_port:
        serving.check_listen(settings.webapp_listen, settings.webapp_port, WEBAPP_SETTINGS)
    # Before anything touches the database: a second instance stops here, the first runs on.
    lock = InstanceLock.acquire(settings.database, "start another")
    try:
        asyncio.run(_main(settings, token, webhook))
    finally:
        if lock is not None:
            lock.release()


async def _main(settings: Settings, token: str, webhook: bool) -> None:
    # Opened before going online: pending migrations are applied and a wrong encryption key
    # stops the start here, even when Telegram is unreachable.
    storage = await open_storage(settings)
    poller = None
    try:
        if not webhook:
            # Telegram serves getUpdates to one caller: one poller across all instances
            # (PostgreSQL: an advisory lock, gone when its process is; SQLite: the file lock).
            poller = await storage.try_hold_lock("poller")
            if poller is None:
                raise DatabaseUnavailable(storage.url, ANOTHER_POLLER)
    except BaseException:
        await storage.close()
        raise
    if storage.applied:
        log.info("applied migrations: %s", ", ".join(storage.applied))
    try:
        services = build_services(settings, storage)
        if not settings.answer_cipher().enabled:
            log.warning(
                "answers are stored as plain text:"
                " set ANSWERS_ENCRYPTION_KEY (python -m bot new-key)"
            )
        application = build_application(services, token=token)
        log.info("Sherpa starts (database %s)", settings.database.shown)
        stop, conflict = asyncio.Event(), list[str]()  # receives the 409's one line
        if webhook:
            url, secret = settings.require_webhook()
            await serve_webhook(  # our server: a body limit, and 200 only once the update is stored
                application,
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                path="/" + urlsplit(url).path.lstrip("/"),
                url=url,
                secret=secret,  # a request without it gets 403
                retries=BOOTSTRAP_RETRIES,
                stop=stop,
            )
        else:
            await _poll(application, stop, conflict)
    finally:
        if poller is not None:
            await poller.release()
        await storage.close()
    log.info("Sherpa stopped")
    if conflict:
        raise ConfigError(f"TELEGRAM_BOT_TOKEN: {conflict[0]}")


async def _poll(application: SherpaApp, stop: asyncio.Event, conflict: list[str]) -> None:
    """Long polling, as run_polling does it, in this loop.

    A 409 Conflict stops it with one line (into `conflict`) instead of being retried forever;
    any other failed getUpdates goes to the error handlers, as run_polling does it.
    """
    updater = application.updater
    assert updater is not None

    def on_error(error: TelegramError) -> None:
        if not isinstance(error, Conflict):
            application.create_task(application.process_error(error=error, update=None))
            return
        if not conflict:
            conflict.append(
                f"Telegram answered 409 ({error.message}): another program is polling"
                " with this token, or a webhook is set. Stop the other instance (or run with"
                " --webhook), then start again"
            )
            log.error("getUpdates: 409 Conflict from Telegram; stopping")
            logging.getLogger("telegram.ext.Updater").addFilter(_quiet_after_conflict)
            stop.set()

    async def stop_receiving() -> None:
        if updater.running:
            await updater.stop()

    await run_until_stopped(
        application,
        start_receiving=lambda: updater.start_polling(
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
            bootstrap_retries=BOOTSTRAP_RETRIES,
            error_callback=on_error,
        ),
        stop_receiving=stop_receiving,
        retries=BOOTSTRAP_RETRIES,
        stop=stop,
    )


def _quiet_after_conflict(record: logging.LogRecord) -> bool:
    # PTB's last getUpdates at shutdown meets the same 409 and would log its traceback.
    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, Conflict)
