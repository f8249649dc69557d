"""Fault injection: error answers, slow answers, timeouts, failing chats and flood limits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .models import JSON, ApiError, Call, ChatFault, Delay, Fault
from .ratelimit import (
    GLOBAL,
    LIMITED_METHODS,
    IgnoredRetry,
    RateLimited,
    RateLimiter,
    RetryWatch,
    Stats,
    chat_scope,
)
from .world import ChatRef, World, chat_id_of

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
_CHAT_DESCRIPTIONS = {400: "Bad Request: chat not found"}


def chat_key(params: JSON) -> int | str | None:
    """A call's chat_id as a dictionary key: an int, an "@username", or None without one."""
    value = params.get("chat_id")
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


class FaultInjection(World):
    """The stand-in's fault controls; StandIn applies them to every call it serves."""

    def _init_faults(self, monotonic: Callable[[], float]) -> None:
        self.monotonic = monotonic  # real time: buckets, retry_after and Call.received/answered
        self.stats = Stats()
        self.retry_watch = RetryWatch()
        self._faults: list[Fault] = []
        self._delays: list[Delay] = []
        self._chat_faults: dict[int | str, ChatFault] = {}
        self._limiter: RateLimiter | None = None

    # -- controls -----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 500,
        description: str | None = None,
        retry_after: int | None = None,
        count: int = 1,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Make the next `count` calls of `method` fail with this Telegram error."""
        if description is None:
            description = DEFAULT_DESCRIPTIONS.get(error_code, "Error")
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
        parameters: dict[str, int] = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        error = ApiError(error_code, description, parameters or None)
        self._faults.append(Fault(method.lower(), error, count))

    def slow(self, method: str | None, seconds: float, count: int | None = None) -> None:
        """Wait `seconds` before doing matching calls (None: every method but getUpdates).

        A client that gives up meanwhile hangs up, and the call then never happens.
        """
        self._delays.append(Delay(method, seconds, count))

    def time_out_next(
        self, method: str | None, count: int = 1, after: float = 30.0, delivered: bool = True
    ) -> None:
        """Hold the answer of the next `count` calls `after` seconds, past the client's timeout.

        delivered=True: the call is done (a message is sent and shows in the chat) and only
        the answer is late, so the bot sees TimedOut for a message that did arrive, which is
        Telegram's ambiguous timeout. delivered=False: the call waits first and is dropped
        when the client hangs up, so nothing happens.
        """
        self._delays.append(Delay(method, after, count, delivered=delivered))

    def fail_chat(
        self,
        chat: ChatRef | str,
        error_code: int = 403,
        description: str | None = None,
        count: int | None = None,
    ) -> None:
        """Fail every call for this chat (403 blocked, 400 chat not found, …) until cleared."""
        if description is None:
            description = _CHAT_DESCRIPTIONS.get(error_code) or DEFAULT_DESCRIPTIONS.get(
                error_code, "Error"
            )
        key = chat if isinstance(chat, str) else chat_id_of(chat)
        self._chat_faults[key] = ChatFault(ApiError(error_code, description), count)

    def rate_limit(
        self,
        global_per_second: float | None = 30,
        per_chat_per_second: float | None = 1.0,
        burst: int = 3,
        *,
        per_group_per_minute: float | None = 20,
        global_burst: int | None = None,
        grace: float = 0.05,
        methods: Iterable[str] = LIMITED_METHODS,
    ) -> None:
        """Answer 429 with retry_after above these rates (None: no such limit); see ratelimit.

        burst: messages a chat may get at once before its per-second rate applies.
        global_burst: the global bucket's size (default: one second's worth).
        grace: see RetryWatch; calls within it of a refusal do not count as ignoring it.
        """
        self._limiter = RateLimiter(
            global_per_second=global_per_second,
            per_chat_per_second=per_chat_per_second,
            per_group_per_minute=per_group_per_minute,
            burst=burst,
            global_burst=global_burst,
            methods=frozenset(methods),
            now=self.monotonic(),
        )
        self.retry_watch.grace = grace

    def clear_faults(self) -> None:
        """Drop every injected fault, delay, failing chat and the rate limit (not blocks)."""
        self._faults.clear()
        self._delays.clear()
        self._chat_faults.clear()
        self._limiter = None
        self.retry_watch.clear()

    # -- applied by the server ------------------------------------------------------------------

    def _arrived(self, method: str, params: JSON) -> tuple[float, float]:
        """Count an arriving call and take its delays: (seconds before, seconds after)."""
        now = self.monotonic()
        self.stats.calls[method] += 1
        if method in LIMITED_METHODS and (early := self.retry_watch.early(chat_key(params), now)):
            self.stats.ignored_retry_after += 1
            self.stats.ignored.append(IgnoredRetry(method, *early))
        before = after = 0.0
        for delay in list(self._delays):
            if not delay.matches(method):
                continue
            if delay.delivered:
                after += delay.seconds
            else:
                before += delay.seconds
            if delay.remaining is not None:
                delay.remaining -= 1
                if delay.remaining <= 0:
                    self._delays.remove(delay)
        return before, after

    def _inject(self, method: str, params: JSON) -> None:
        """Raise the error this call gets, if any: a queued fault, a 429, a failing chat."""
        key = chat_key(params)
        for fault in self._faults:
            if fault.method == method.lower():
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                raise fault.error
        if self._limiter is not None:
            chat = self._chats.get(key) if isinstance(key, int) else None
            # Unknown chats: Telegram's group and channel ids are the negative ones.
            is_group = chat.type != "private" if chat else isinstance(key, int) and key < 0
            if refusal := self._limiter.admit(method, key, is_group, self.monotonic()):
                raise refusal
        if key is not None and (failing := self._chat_faults.get(key)) is not None:
            if failing.remaining is not None:
                failing.remaining -= 1
                if failing.remaining <= 0:
                    del self._chat_faults[key]
            raise failing.error

    def _finished(
        self, call: Call | None, error: ApiError | None, *, hung_up: bool = False
    ) -> None:
        """Note the answer (or the client hanging up) on the recorded call and in the stats."""
        now = self.monotonic()
        if error is not None:
            self.stats.errors[error.error_code] += 1
        if hung_up:
            self.stats.hung_up += 1
        if error is not None and error.error_code == 429:
            self.stats.too_many_requests += 1
            retry_after = (error.parameters or {}).get("retry_after")
            if retry_after and call is not None:
                self.retry_watch.given(_scope_of(error, call.params), retry_after, now)
        if call is not None:
            answered = None if hung_up else now
            done = replace(
                call,
                answered=answered,
                hung_up=hung_up,
                error=error.description if error is not None else None,
                error_code=error.error_code if error is not None else None,
            )
            _replace_call(self.calls, call, done)
        self._changed.fire()


def _scope_of(error: ApiError, params: JSON) -> str:
    # An injected 429 holds back its chat (or everything, for a call without a chat).
    if isinstance(error, RateLimited):
        return error.scope
    key = chat_key(params)
    return GLOBAL if key is None else chat_scope(key)


def _replace_call(calls: list[Call], call: Call, done: Call) -> None:
    # Found by identity, newest first: concurrent calls may have been appended since.
    for i in range(len(calls) - 1, -1, -1):
        if calls[i] is call:
            calls[i] = done
            return
