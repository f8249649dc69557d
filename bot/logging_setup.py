"""Logging that never carries the bot token or anything a user wrote."""

from __future__ import annotations

import logging

# These libraries log request URLs (with the token), whole updates or SQL parameters (with
# user text) at DEBUG/INFO, so they stay at WARNING whatever LOG_LEVEL says.
CHATTY = (
    *("httpx", "httpcore", "telegram", "apscheduler", "aiohttp.access", "hpack"),
    *("aiosqlite", "psycopg"),  # psycopg also covers psycopg.pool
)


class RedactFilter(logging.Filter):
    """Replaces secrets in every record, as a second line of defence."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once and mask any secret in it."""
        if record.name.startswith("telegram") and "Received data was" in str(record.msg):
            # PTB logs a whole update batch it could not parse: user text must not follow.
            record.msg, record.args = "could not parse updates from Telegram (data withheld)", None
        if not self._secrets:
            return True
        message = record.getMessage()
        for secret in self._secrets:
            message = message.replace(secret, "[redacted]")
        record.msg, record.args = message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for secret in self._secrets:
                record.exc_text = record.exc_text.replace(secret, "[redacted]")
        return True


def configure_logging(level: str, secrets: list[str]) -> None:
    """Set up the root logger once, at start."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
