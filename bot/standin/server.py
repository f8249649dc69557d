"""StandIn: a local fake of the Telegram Bot API over real HTTP, for the demo and e2e tests."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from types import TracebackType
from typing import Any

from aiohttp import web

from . import polling  # noqa: F401  (registers getUpdates and the webhook methods)
from .human import HumanSide
from .methods import HANDLERS, BotMethods
from .models import ApiError, Call, Fault, UploadedFile
from .spec import BotApiSpec
from .wire import decode_params, read_request
from .world import BotMessageHook

DEFAULT_TOKEN = "123456:TEST-TOKEN-not-real"
_LOG = logging.getLogger(__name__)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class StandIn(HumanSide, BotMethods):
    """An in-memory fake Telegram serving the Bot API on loopback; see the package docstring."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "sherpa_test_bot",
        bot_first_name: str = "Sherpa",
        spec: BotApiSpec | None = None,
        now: Callable[[], float] = time.time,
        on_bot_message: BotMessageHook | None = None,
        first_update_id: int = 1,
    ) -> None:
        super().__init__(
            token=token,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            now=now,
            on_bot_message=on_bot_message,
            first_update_id=first_update_id,
        )
        self.spec = spec
        self._faults: list[Fault] = []
        self._runner: web.AppRunner | None = None
        self._address: tuple[str, int] | None = None
        self._methods = {name.lower(): name for name in HANDLERS}

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (port 0 picks a free one); see base_url."""
        if self._runner is not None:
            raise RuntimeError("StandIn is already running")
        app = web.Application(client_max_size=64 * 1024 * 1024)  # Telegram allows 50 MB uploads
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # access_log=None: request lines carry the token, and we log nothing but errors.
        # handler_cancellation: a long poll whose client went away must not take updates.
        runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=2.0, handler_cancellation=True
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._address = (host, runner.addresses[0][1])
        self._updates.open()

    async def stop(self) -> None:
        """End waiting long polls and stop serving; safe to call twice."""
        self._updates.close()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> StandIn:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The Bot API base URL for PTB, e.g. http://127.0.0.1:PORT/bot (the token follows)."""
        if self._address is None:
            raise RuntimeError("StandIn is not started")
        host, port = self._address
        return f"http://{host}:{port}/bot"

    # -- fault injection --------------------------------------------------------------------

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
            description = _DEFAULT_DESCRIPTIONS.get(error_code, "Error")
            if error_code == 429:
                description = f"Too Many Requests: retry after {retry_after or 1}"
        parameters: dict[str, int] = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
        error = ApiError(error_code, description, parameters or None)
        self._faults.append(Fault(method.lower(), error, count))

    def _take_fault(self, method: str) -> None:
        for fault in self._faults:
            if fault.method == method.lower():
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                raise fault.error

    # -- HTTP -------------------------------------------------------------------------------

    def _canonical(self, method: str) -> str | None:
        if self.spec is not None and (name := self.spec.method_name(method)):
            return name
        return self._methods.get(method.lower())

    def _types_of(self, method: str) -> Callable[[str], tuple[str, ...] | None] | None:
        spec = self.spec
        return None if spec is None else lambda name: spec.field_types(method, name)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _answer(ApiError(401, "Unauthorized"))
        method = self._canonical(request.match_info["method"])
        if method is None:
            return _answer(ApiError(404, "Not Found"))
        call: Call | None = None
        try:
            wire = await read_request(request)
            params = decode_params(wire.params, self._types_of(method))
            # Recorded on arrival so the order of calls is the order the bot made them.
            call = Call(method, params, self.now())
            self.calls.append(call)
            self._changed.fire()
            result = await self._run(method, wire.params, params, wire.attachments)
        except ApiError as exc:
            self._mark_failed(call, exc.description)
            return _answer(exc)
        self._changed.fire()
        return web.json_response({"ok": True, "result": result})

    def _mark_failed(self, call: Call | None, description: str) -> None:
        # Found by identity: concurrent calls may have been appended since (or calls cleared).
        for i, recorded in enumerate(self.calls):
            if recorded is call:
                self.calls[i] = replace(call, error=description)
        self._changed.fire()

    async def _run(
        self,
        method: str,
        raw: dict[str, Any],
        params: dict[str, Any],
        files: dict[str, UploadedFile],
    ) -> Any:
        if self.spec is not None:
            problems = self.spec.validate(method, raw, files)
            if problems:
                self.spec_violations.extend((method, p) for p in problems)
                raise ApiError(400, f"Bad Request: {problems[0]}")
        self._take_fault(method)
        handler = HANDLERS.get(method)
        if handler is None:
            raise ApiError(400, f"Bad Request: the stand-in does not simulate {method}")
        try:
            return await handler(self, params, files)
        except ApiError:
            raise
        except Exception as exc:
            # Only the method and code lines: exception messages may quote user text.
            where = "".join(traceback.format_tb(exc.__traceback__))
            _LOG.error("stand-in %s failed with %s\n%s", method, type(exc).__name__, where)
            raise ApiError(500, "Internal Server Error") from None


def _answer(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.error_code)
