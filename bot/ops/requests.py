"""Bot API requests counted by method and result, and Telegram's 429 waits summed.

A thin subclass of PTB's own HTTPXRequest: the request is PTB's, only counted on the way out.
The label is the method name from the URL's last part; the token before it never is one.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.request import HTTPXRequest

from bot.ops.metrics import TELEGRAM_REQUESTS, TELEGRAM_RETRY_AFTER, method_label, result_label


class CountingRequest(HTTPXRequest):
    """HTTPXRequest that counts every request it makes."""

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        """PTB's request, counted: (status, body) as PTB expects, or PTB's own exception."""
        name = method_label(url)
        try:
            status, body = await super().do_request(url, method, *args, **kwargs)
        except Exception:
            TELEGRAM_REQUESTS.labels(name, result_label(None)).inc()
            raise
        TELEGRAM_REQUESTS.labels(name, result_label(status)).inc()
        if status == 429:
            TELEGRAM_RETRY_AFTER.inc(_retry_after(body))
        return status, body


def _retry_after(body: bytes) -> float:
    try:
        wait = json.loads(body).get("parameters", {}).get("retry_after", 0)
    except (ValueError, AttributeError):
        return 0.0
    return float(wait) if isinstance(wait, int | float) and wait >= 0 else 0.0
