"""Running the real bot: long polling until SIGINT or SIGTERM."""

from __future__ import annotations

import logging

from telegram import Update

from bot.app import build_application, build_services
from bot.config import Settings

log = logging.getLogger(__name__)


def run(settings: Settings, token: str) -> None:
    """Poll Telegram until stopped; in-flight updates finish and the database closes."""
    services = build_services(settings)
    application = build_application(settings, services, token=token)
    log.info("Sherpa starts (database %s)", settings.database_path)
    # run_polling installs SIGINT/SIGTERM handlers and runs post_shutdown on the way out.
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    log.info("Sherpa stopped")
