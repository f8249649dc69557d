"""Telegram's flood limits for the stand-in: token buckets, 429 answers and a retry_after watch.

The Bots FAQ gives the limits only roughly: about 30 messages per second in bulk, about one
per second in a private chat (short bursts allowed), 20 per minute in a group. Telegram
documents no limit on answerCallbackQuery, so it (like every method that does not put or
change a message in a chat) is never limited here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .models import ApiError

GLOBAL = "global"
# Methods that put or change a message in a chat; only these count against the limits.
LIMITED_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendVoice"}
    | {"sendAnimation", "sendSticker", "sendVideoNote", "sendMediaGroup", "sendLocation"}
    | {"sendVenue", "sendContact", "sendPoll", "sendDice", "sendInvoice", "sendPaidMedia"}
    | {"copyMessage", "copyMessages", "forwardMessage", "forwardMessages"}
    | {"editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup"}
    | {"editMessageLiveLocation", "stopMessageLiveLocation", "stopPoll"}
)


def chat_scope(chat_key: int | str) -> str:
    """The retry_after scope of one chat."""
    return f"chat {chat_key}"


class RateLimited(ApiError):
    """A 429 answer, with the scope its retry_after applies to ("global" or "chat <id>")."""

    def __init__(self, retry_after: int, scope: str) -> None:
        super().__init__(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )
        self.retry_after = retry_after
        self.scope = scope


@dataclass(frozen=True)
class IgnoredRetry:
    """A call that arrived before a retry_after given for its scope had elapsed."""

    method: str
    scope: str
    early_by: float  # seconds still left of the retry_after when the call arrived


@dataclass
class Stats:
    """What the stand-in saw and answered, for assertions in load and fault tests."""

    calls: Counter[str] = field(default_factory=Counter)  # calls received, per method
    errors: Counter[int] = field(default_factory=Counter)  # error answers, per error_code
    too_many_requests: int = 0  # 429 answers, from rate_limit() or fail_next(..., 429)
    ignored_retry_after: int = 0  # calls made too early after a 429; see RetryWatch
    ignored: list[IgnoredRetry] = field(default_factory=list)
    hung_up: int = 0  # calls whose client closed the connection before the answer


@dataclass
class TokenBucket:
    """`rate` tokens a second up to `capacity`; starts full, as an idle bot's would be."""

    rate: float
    capacity: float
    updated: float
    tokens: float = math.nan

    def __post_init__(self) -> None:
        if math.isnan(self.tokens):
            self.tokens = self.capacity

    def wait(self, now: float) -> float:
        """Seconds until one token is there (0 if there is one now)."""
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = max(self.updated, now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class RateLimiter:
    """A global bucket plus one bucket per chat; a call must find a token in both."""

    def __init__(
        self,
        *,
        global_per_second: float | None,
        per_chat_per_second: float | None,
        per_group_per_minute: float | None,
        burst: int,
        global_burst: int | None,
        methods: frozenset[str],
        now: float,
    ) -> None:
        self.methods = methods
        self._per_chat = per_chat_per_second
        self._per_group = None if per_group_per_minute is None else per_group_per_minute / 60
        self._burst = max(1, burst)
        self._chats: dict[int | str, TokenBucket] = {}
        self._global = None
        if global_per_second is not None:
            capacity = global_burst if global_burst is not None else global_per_second
            self._global = TokenBucket(global_per_second, max(1.0, capacity), now)

    def admit(
        self, method: str, chat_key: int | str | None, is_group: bool, now: float
    ) -> RateLimited | None:
        """Take a token for this call, or the 429 to answer (retry_after a whole second ≥ 1)."""
        if method not in self.methods:
            return None
        buckets: list[tuple[str, TokenBucket]] = []
        if chat_key is not None and (bucket := self._chat_bucket(chat_key, is_group, now)):
            buckets.append((chat_scope(chat_key), bucket))
        if self._global is not None:
            buckets.append((GLOBAL, self._global))
        waits = [(bucket.wait(now), scope) for scope, bucket in buckets]
        longest, scope = max(waits, default=(0.0, GLOBAL))
        if longest > 0:
            return RateLimited(max(1, math.ceil(longest)), scope)
        for _, bucket in buckets:
            bucket.tokens -= 1
        return None

    def _chat_bucket(self, chat_key: int | str, is_group: bool, now: float) -> TokenBucket | None:
        rate = self._per_group if is_group else self._per_chat
        if rate is None:
            return None
        bucket = self._chats.get(chat_key)
        if bucket is None:
            # A group's burst never exceeds its per-minute allowance.
            capacity = min(self._burst, rate * 60) if is_group else self._burst
            bucket = self._chats[chat_key] = TokenBucket(rate, max(1.0, capacity), now)
        return bucket


@dataclass
class _Window:
    since: float  # when the first 429 of this refusal was answered
    until: float  # when the longest retry_after given in it runs out


class RetryWatch:
    """Notices calls that arrive before a retry_after given for their scope has elapsed.

    Calls already on their way when a 429 went out cannot have seen it, and on loopback they
    arrive just after it; so a call counts only from `grace` seconds after the first 429 of a
    refusal. A client that retries in a loop is still caught once the grace has passed.
    """

    def __init__(self, grace: float = 0.05) -> None:
        self.grace = grace
        self._windows: dict[str, _Window] = {}

    def given(self, scope: str, retry_after: float, now: float) -> None:
        """A 429 with this retry_after was answered now."""
        window = self._windows.get(scope)
        if window is None or now >= window.until:
            self._windows[scope] = _Window(now, now + retry_after)
        else:
            window.until = max(window.until, now + retry_after)

    def early(self, chat_key: int | str | None, now: float) -> tuple[str, float] | None:
        """The scope and seconds left if a call to this chat, arriving now, is too early."""
        scopes = [GLOBAL] if chat_key is None else [GLOBAL, chat_scope(chat_key)]
        for scope in scopes:
            window = self._windows.get(scope)
            if window is not None and window.since + self.grace <= now < window.until:
                return scope, window.until - now
        return None

    def clear(self) -> None:
        """Forget every retry_after given so far."""
        self._windows.clear()
