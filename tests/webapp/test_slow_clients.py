"""Both HTTP servers (the Mini App, the webhook) close a slow client, and log no request bytes.

The servers are the bot's own, built as it builds them, with the waits shortened for the test.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import pytest

from bot.core import serving
from bot.incoming.webhook import webhook_app
from bot.webapp.data import MiniApp
from bot.webapp.server import WebappServer, webapp_app
from tests.helpers import World

SECRET = "a-secret-of-sufficient-length_42"
WAIT = 1.0  # the shortened header and body waits
# A server that holds a dripping client runs to the trickle's limit (10 s); one that cuts it
# off does so about WAIT in. The margin only tells the two apart on a busy machine.
CUT_OFF = WAIT + 5
PRIVATE = "Ann vertelde over haar moeder"


@pytest.fixture
async def servers(
    webapp_world: World, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[dict[str, int]]:
    """The Mini App's and the webhook's servers on free ports, waits shortened to WAIT."""
    monkeypatch.setattr(serving, "HEADER_TIMEOUT", WAIT)
    bot = webapp_world.bot
    mini_app = MiniApp.bound(bot.services)
    page = WebappServer(
        webapp_app(mini_app, webapp_world.api.token, "/verrekijker/", 3600), "127.0.0.1", 0
    )
    hook = serving.runner(webhook_app(bot.application, "/telegram", SECRET, body_timeout=WAIT))
    await hook.setup()
    await serving.listen(hook, "127.0.0.1", 0, {"host": "WEBHOOK_LISTEN", "port": "WEBHOOK_PORT"})
    ports = {"webapp": await page.start(), "webhook": int(hook.addresses[0][1])}
    try:
        yield ports
    finally:
        await page.stop()
        await hook.cleanup()


async def _collect(reader: asyncio.StreamReader, heard: bytearray) -> None:
    """Everything the server says until it closes, kept as it arrives: a server that answers
    408 and closes makes the client's next drip meet a reset, and what it said before that
    must not be lost with it."""
    while chunk := await reader.read(65536):
        heard += chunk


async def _trickle(
    port: int, head: bytes, drip: bytes, *, limit: float = 10.0
) -> tuple[float, bytes]:
    """Send `head`, then `drip` a byte every 0.2 s: (seconds until it closed, what it said)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    heard = bytearray()
    writer.write(head)
    answer = asyncio.ensure_future(_collect(reader, heard))
    try:
        for byte in drip:
            if answer.done() or time.monotonic() - started > limit:
                break
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(0.2)
        await asyncio.wait_for(answer, timeout=max(0.1, limit - (time.monotonic() - started)))
    except (TimeoutError, ConnectionError):
        if time.monotonic() - started >= limit:
            return limit, bytes(heard)
    finally:
        answer.cancel()
        writer.close()
    return time.monotonic() - started, bytes(heard)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["webapp", "webhook"])
async def test_slow_headers_are_cut_off(servers: dict[str, int], which: str):
    head = b"GET /verrekijker/ HTTP/1.1\r\nHost: sherpa\r\n"
    took, _ = await _trickle(servers[which], head, b"X-Slow: " + b"a" * 200)
    assert took < CUT_OFF, f"a slow header was held open for {took:.1f} s"


@pytest.mark.slow
async def test_a_slow_webhook_body_is_cut_off(servers: dict[str, int]):
    head = (
        "POST /telegram HTTP/1.1\r\nHost: sherpa\r\nContent-Type: application/json\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: 400\r\n\r\n"
    ).encode()
    took, said = await _trickle(servers["webhook"], head, b"{" + b" " * 399)
    assert took < CUT_OFF, f"a slow body was held open for {took:.1f} s"
    assert said.startswith(b"HTTP/1.1 408"), said[:80]


@pytest.mark.slow
async def test_a_slow_body_to_the_mini_app_is_not_waited_for(servers: dict[str, int]):
    head = b"GET /verrekijker/ HTTP/1.1\r\nHost: sherpa\r\nContent-Length: 400\r\n\r\n"
    took, said = await _trickle(servers["webapp"], head, b" " * 400)
    assert said.startswith(b"HTTP/1.1 200") and took < CUT_OFF


@pytest.mark.parametrize("which", ["webapp", "webhook"])
async def test_a_malformed_header_leaves_no_bytes_of_it_in_the_log(
    servers: dict[str, int], which: str, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG, logger="aiohttp")
    bad = f"GET /verrekijker/ HTTP/1.1\r\nHost: sherpa\r\nX-Note: {PRIVATE}\x01\r\n\r\n"
    _, said = await _trickle(servers[which], bad.encode(), b"", limit=5)
    assert said.split(b" ")[1] == b"400", said[:80]
    aiohttp_lines = [r for r in caplog.records if r.name.startswith("aiohttp")]
    assert aiohttp_lines, "aiohttp said nothing of the malformed request"
    for record in aiohttp_lines:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        assert "moeder" not in text and "X-Note" not in text, text
        assert record.exc_info is None and record.levelno < logging.ERROR
