"""A local stand-in for the Telegram Bot API, for `python -m bot try` and end-to-end tests.

    async with StandIn() as api:
        ann = api.user(1001, "Ann")
        bot = telegram.Bot(token=api.token, base_url=api.base_url)
        api.send_command(ann, "/start")
        await api.wait_for_messages(ann, 1)

Faults (see faults.py): fail_next, slow, time_out_next, fail_chat, block, rate_limit and
clear_faults; `stats` counts calls, errors, 429s and retry_afters the bot ignored.

The server speaks real HTTP on loopback, keeps everything in memory and logs nothing but
its own errors (never request bodies, never the token).
"""

from .models import ApiError, Button, Call, FakeChat, FakeUser, SentMessage, UploadedFile
from .ratelimit import LIMITED_METHODS, IgnoredRetry, Stats
from .server import DEFAULT_TOKEN, StandIn
from .spec import BotApiSpec

__all__ = [
    "DEFAULT_TOKEN",
    "LIMITED_METHODS",
    "ApiError",
    "BotApiSpec",
    "Button",
    "Call",
    "FakeChat",
    "FakeUser",
    "IgnoredRetry",
    "SentMessage",
    "StandIn",
    "Stats",
    "UploadedFile",
]
