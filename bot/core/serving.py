"""What both of the bot's HTTP servers (the webhook, the Mini App) share: bounded waits, a
quiet error log, and one line naming the setting when they cannot listen.

aiohttp waits for a request's headers as long as its keep-alive allows (an hour by
default), and for a body as long as the handler reads; it logs a malformed request with up
to 100 of its bytes, at ERROR. Here a connection must bring its headers within
HEADER_TIMEOUT (from connecting, or from the last answer on it), a handler reads a body
within BODY_TIMEOUT, and the log names only the kind of error, never the request's bytes.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError

from bot.config import ConfigError

HEADER_TIMEOUT = 10.0  # seconds to bring a request's headers (also: an idle keep-alive)
BODY_TIMEOUT = 10.0  # seconds to bring a body the handler reads
LINGER = 0.0  # an unread rest of a body is not waited for: the connection just closes


class QuietServerLog(logging.LoggerAdapter):  # type: ignore[type-arg]
    """aiohttp's server logger, saying what kind of error happened and nothing of the request.

    A malformed request is the client's error (WARNING); anything else is ours (ERROR). The
    exception's text is left out: it may quote header bytes, a path or what a user wrote.
    """

    def exception(self, msg: object, *args: object, exc_info: Any = True, **kwargs: Any) -> None:
        error = exc_info if isinstance(exc_info, BaseException) else None
        kind = type(error).__name__ if error is not None else "unknown"
        if isinstance(error, HttpProcessingError):
            self.logger.warning("refused a malformed request (%s %s)", error.code, kind)
        else:
            self.logger.error("a request failed (%s)", kind)


class PathOnlyAccessLogger(AbstractAccessLogger):
    """Method, path (without the query), status and time: never a header, never initData."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %.1f ms", request.method, request.path, response.status, time * 1000
        )


def runner(app: web.Application, **options: Any) -> web.AppRunner:
    """An AppRunner with the bounded waits, the quiet log and the path-only access log."""
    return web.AppRunner(
        app,
        keepalive_timeout=HEADER_TIMEOUT,
        lingering_time=LINGER,
        logger=QuietServerLog(logging.getLogger("aiohttp.server"), {}),
        access_log_class=PathOnlyAccessLogger,
        **options,
    )


async def listen(served: web.AppRunner, host: str, port: int, settings: Mapping[str, str]) -> None:
    """Start listening on host:port; a ConfigError (one line naming the setting) if it cannot.

    `settings` names the host and port settings: {"host": "WEBHOOK_LISTEN", "port": ...}.
    """
    try:
        await web.TCPSite(served, host, port).start()
    except OSError as error:
        raise refusal(error, host, port, settings) from None


def check_listen(host: str, port: int, settings: Mapping[str, str]) -> None:
    """Bind host:port once and let go, before anything else starts: a ConfigError naming the
    setting when the address is unknown or not this machine's, or the port is taken."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, protocol, _, address in found:
            with socket.socket(family, kind, protocol) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
                probe.bind(address)
    except OSError as error:
        raise refusal(error, host, port, settings) from None


def refusal(error: OSError, host: str, port: int, settings: Mapping[str, str]) -> ConfigError:
    """The one line for an address that cannot be listened on."""
    reason = error.strerror or type(error).__name__
    if isinstance(error, socket.gaierror):
        return ConfigError(
            f"{settings['host']}: cannot find the address {host!r} to listen on ({reason});"
            f" name an address of this machine, e.g. {settings['host']}=127.0.0.1"
        )
    if error.errno == errno.EADDRNOTAVAIL:  # not an address of this machine
        return ConfigError(
            f"{settings['host']}: cannot listen on {host} ({reason});"
            f" name an address of this machine, e.g. {settings['host']}=127.0.0.1"
        )
    return ConfigError(
        f"{settings['port']}: cannot listen on {host}:{port} ({reason});"
        f" choose a free port, e.g. {settings['port']}={suggest(port)}"
    )


def suggest(port: int) -> int:
    """A port to suggest instead of `port` (the next one, within range)."""
    return port + 1 if 1024 <= port < 65535 else 8443


class Server:
    """An aiohttp app on its own port (bounded waits, quiet logs), started and stopped with
    the bot; `settings` names the host and port settings for the one-line refusal."""

    def __init__(
        self, app: web.Application, listen: str, port: int, settings: Mapping[str, str]
    ) -> None:
        self._runner = runner(app)
        self._listen, self._port, self._settings = listen, port, settings
        self.port: int | None = None

    async def start(self) -> int:
        """Listen; returns the port (port 0 picks a free one). A ConfigError naming the
        setting when it cannot."""
        await self._runner.setup()
        try:
            await listen(self._runner, self._listen, self._port, self._settings)
        except BaseException:
            await self._runner.cleanup()
            raise
        self.port = int(self._runner.addresses[0][1])  # the bound one, also for port 0
        return self.port

    async def stop(self) -> None:
        """Stop listening; a request in flight finishes first."""
        await self._runner.cleanup()
