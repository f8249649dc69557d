"""Bot API requests counted by method and result, and Telegram's 429 waits summed.

Two requests, both counted on the way out. The label is the method name from the URL's last
part; the token before it never is one.

- `LeanRequest` carries every Bot API call over aiohttp's client (already here for the
  webhook): a call costs about a quarter of the CPU of PTB's httpx request
  (benchmarks/README.md, update handling), and each answer makes two. getUpdates's long poll
  goes through one of its own, on one connection (bot/incoming/inbox.py confirms a batch only
  once it is stored); PTB adds the poll's timeout to the read timeout it passes.
- `CountingRequest` is PTB's own HTTPXRequest, counted (for a caller that wants httpx).

Both raise PTB's errors as PTB's HTTPXRequest does: TimedOut when a time ran out (the call
may have arrived), NetworkError for any other failure to get an answer.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp
from aiohttp.payload import BytesPayload
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.ops.metrics import TELEGRAM_REQUESTS, TELEGRAM_RETRY_AFTER, method_label, result_label

FORM = "application/x-www-form-urlencoded"
KNOWN_URLS = 512  # URLs whose label and proxy are kept (the Bot API has fewer methods)


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
        _count(name, status, body)
        return status, body


class LeanRequest(BaseRequest):
    """A Bot API request over one aiohttp session (HTTP/1.1, kept-alive connections), counted.

    Timeouts as PTB's (5 s to connect, write and read, 1 s to wait for a free connection,
    20 s to write an upload), per call where PTB passes them. aiohttp has no write timeout of
    its own: the connect, write and read times together bound the whole call.
    """

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._size = connection_pool_size
        self._read, self._write, self._connect = read_timeout, write_timeout, connect_timeout
        self._pool, self._media_write = pool_timeout, media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}  # (scheme, host): its proxy
        self._by_url: dict[str, tuple[str, str | None]] = {}  # url: (method label, proxy)
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}

    @property
    def read_timeout(self) -> float | None:
        """The read timeout when a call names none."""
        return self._read

    async def initialize(self) -> None:
        """Open the session (inside the running loop, as aiohttp wants)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._size, limit_per_host=self._size),
                headers={"User-Agent": self.USER_AGENT},
                # Not trust_env: it reads the whole environment again for every request (a
                # quarter of the CPU of an answer in a profile). The proxy the environment
                # names (HTTPS_PROXY, NO_PROXY, as httpx honours them) is looked up once per host.
                trust_env=False,
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One call: (status, body) as PTB expects, or PTB's own exception."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This LeanRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        timeout = self._times(read_timeout, write_timeout, connect_timeout, pool_timeout, files)
        name, proxy = self._about(url)
        try:
            async with self._session.request(
                method, url, data=_body(fields, files), timeout=timeout, proxy=proxy
            ) as response:
                status, body = response.status, await response.read()
        except TimeoutError as error:
            _counter(name, None).inc()
            raise TimedOut from error
        except (aiohttp.ClientError, OSError) as error:
            _counter(name, None).inc()
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error
        _count(name, status, body)
        return status, body

    def _times(
        self,
        read_timeout: ODVInput[float],
        write_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
        pool_timeout: ODVInput[float],
        files: object,
    ) -> aiohttp.ClientTimeout:
        """The call's timeout: the times it names, else this request's (an upload's write
        time when it sends files)."""
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        write = write_timeout
        if isinstance(write, DefaultValue):
            write = self._media_write if files else self._write
        return self._timeout(connect, pool, write, read)

    def _timeout(
        self, connect: float | None, pool: float | None, write: float | None, read: float | None
    ) -> aiohttp.ClientTimeout:
        """aiohttp's timeout for these times (made once for each set of them)."""
        key = (connect, pool, write, read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = self._timeouts[key] = aiohttp.ClientTimeout(
                total=_sum(connect, pool, write, read),
                connect=_sum(pool, connect),
                sock_connect=connect,
                sock_read=read,
            )
        return timeout

    def _about(self, url: str) -> tuple[str, str | None]:
        """The URL's method label and proxy (worked out once per URL: one per method)."""
        known = self._by_url.get(url)
        if known is None:
            known = (method_label(url), self._proxy(url))
            if len(self._by_url) < KNOWN_URLS:  # a file's download has a URL of its own
                self._by_url[url] = known
        return known

    def _proxy(self, url: str) -> str | None:
        """The proxy the environment names for this URL's host (looked up once per host)."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            proxies = urllib.request.getproxies()
            proxy = proxies.get(parts.scheme) or proxies.get("all")
            if proxy and urllib.request.proxy_bypass(key[1]):
                proxy = None
            self._proxies[key] = proxy or None
        return self._proxies[key]


def _body(
    fields: dict[str, str] | None, files: dict[str, Any] | None
) -> aiohttp.FormData | BytesPayload | None:
    """A call's body: multipart when it sends files, else the urlencoded form (encoded here, as
    aiohttp's FormData would, UTF-8, without the multipart writer and payload lookup it builds
    for every call)."""
    if files:
        form = aiohttp.FormData(fields or {})
        for name, (filename, content, mimetype) in files.items():
            form.add_field(name, content, filename=filename, content_type=mimetype)
        return form
    if fields is not None:
        return BytesPayload(urlencode(fields).encode(), content_type=FORM)
    return None


def _sum(*seconds: float | None) -> float | None:
    """Times added up; None (no limit) when any of them has none."""
    return None if any(s is None for s in seconds) else sum(s for s in seconds if s is not None)


_COUNTERS: dict[tuple[str, int | None], Any] = {}


def _counter(name: str, status: int | None) -> Any:
    """The request counter of a method and status (its labelled child, found once)."""
    counter = _COUNTERS.get((name, status))
    if counter is None:
        counter = _COUNTERS[(name, status)] = TELEGRAM_REQUESTS.labels(name, result_label(status))
    return counter


def _count(name: str, status: int, body: bytes) -> None:
    _counter(name, status).inc()
    if status == 429:
        TELEGRAM_RETRY_AFTER.inc(_retry_after(body))


def _retry_after(body: bytes) -> float:
    try:
        wait = json.loads(body).get("parameters", {}).get("retry_after", 0)
    except (ValueError, AttributeError):
        return 0.0
    return float(wait) if isinstance(wait, int | float) and wait >= 0 else 0.0
