"""StandIn: a local fake of the Telegram Bot API over real HTTP, for the demo and e2e tests."""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from . import polling  # noqa: F401  (registers getUpdates and the webhook methods)
from .faults import FaultInjection
from .human import HumanSide
from .methods import HANDLERS, BotMethods
from .models import ApiError, Call, UploadedFile
from .spec import BotApiSpec
from .wire import WireRequest, decode_params, read_request
from .world import BotMessageHook

DEFAULT_TOKEN = "123456:TEST-TOKEN-not-real"
_LOG = logging.getLogger(__name__)


class StandIn(FaultInjection, HumanSide, BotMethods):
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
        monotonic: Callable[[], float] = time.monotonic,
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
        self._init_faults(monotonic)
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
        received = self.monotonic()
        call: Call | None = None
        try:
            wire = await read_request(request)
            params = decode_params(wire.params, self._types_of(method))
            # Recorded on arrival so the order of calls is the order the bot made them.
            call = Call(method, params, self.now(), received=received)
            self.calls.append(call)
            self._changed.fire()
            before, after = self._arrived(method, params)
            result = await self._delayed(method, wire, params, before, after)
        except ApiError as exc:
            self._finished(call, exc)
            return _answer(exc)
        except asyncio.CancelledError:
            # The client hung up (aiohttp cancels the handler), e.g. after its read timeout.
            self._finished(call, None, hung_up=True)
            raise
        self._finished(call, None)
        return web.json_response({"ok": True, "result": result})

    async def _delayed(
        self, method: str, wire: WireRequest, params: dict[str, Any], before: float, after: float
    ) -> Any:
        if before:  # a slow Telegram: nothing happens until then (or ever, if the client leaves)
            await asyncio.sleep(before)
        try:
            return await self._run(method, wire.params, params, wire.attachments)
        finally:
            if after:  # done already: only the answer is late (an ambiguous timeout)
                await asyncio.sleep(after)

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
        self._inject(method, params)
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
