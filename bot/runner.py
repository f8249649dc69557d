"""Running the real bot: long polling until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from telegram import Update

from bot.app import build_application, build_services
from bot.config import Settings
from bot.webhook import run_webhook
from storage import Storage

log = logging.getLogger(__name__)

# Telegram unreachable at start (a reboot before the network is up): retry with back-off,
# about two minutes in all, then stop with a clear message.
BOOTSTRAP_RETRIES = 8


def run(settings: Settings, token: str, *, webhook: bool = False) -> None:
    """Poll (or serve a webhook) until stopped; in-flight work finishes, the database closes."""
    services = build_services(settings)
    # Open the database once before going online: pending migrations are applied and a
    # wrong encryption key stops the start here, even when Telegram is unreachable.
    asyncio.run(_check_database(settings))
    if not services.settings.answer_cipher().enabled:
        log.warning(
            "answers are stored as plain text: set ANSWERS_ENCRYPTION_KEY (python -m bot new-key)"
        )
    application = build_application(settings, services, token=token)
    log.info("Sherpa starts (database %s)", settings.database_path)
    # Both install SIGINT/SIGTERM handlers and run post_stop/post_shutdown on the way out.
    if webhook:
        url, secret = settings.require_webhook()
        run_webhook(  # our server: a body size limit, and 200 only once the update is stored
            application,
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            path="/" + urlsplit(url).path.lstrip("/"),
            url=url,
            secret=secret,  # a request without it gets 403
            retries=BOOTSTRAP_RETRIES,
        )
    else:
        application.run_polling(
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
    log.info("Sherpa stopped")


async def _check_database(settings: Settings) -> None:
    storage = await Storage.open(settings.database_path, cipher=settings.answer_cipher())
    if storage.applied:
        log.info("applied migrations: %s", ", ".join(storage.applied))
    await storage.close()
