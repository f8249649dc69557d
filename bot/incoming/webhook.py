"""Webhook mode: our own small aiohttp server in front of the Application.

PTB's run_webhook serves through tornado, which reads a whole body (up to 100 MB) into memory
before the secret is looked at. Here the secret is checked first (in constant time), a body
over 1 MB is refused from its Content-Length header before a byte of it is read, a chunked
body is cut off at 1 MB, and Telegram hears 200 only once the update is in the inbox.
The lifecycle is PTB's "custom webhook" pattern, in the order run_webhook follows
(bot/incoming/lifecycle.py).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from aiohttp import web
from telegram import Update

from bot.core import serving
from bot.core.services import SherpaApp
from bot.incoming.inbox import DurableUpdateQueue
from bot.incoming.lifecycle import retrying, run_until_stopped

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # Telegram's updates are a few kB: 1 MB is generous
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SETTINGS = {"host": "WEBHOOK_LISTEN", "port": "WEBHOOK_PORT"}


def webhook_app(
    application: SherpaApp, path: str, secret: str, body_timeout: float = serving.BODY_TIMEOUT
) -> web.Application:
    """The aiohttp app that takes Telegram's POSTs on `path`."""
    queue = application.update_queue
    assert isinstance(queue, DurableUpdateQueue)
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413)  # refused before reading: nothing comes into memory
        if request.content_type != "application/json":
            return web.Response(status=403)  # as PTB's server answers
        try:
            async with asyncio.timeout(body_timeout):  # a slow body is not waited on for ever
                body = await request.read()  # a chunked body stops at client_max_size
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        except TimeoutError:
            return web.Response(status=408, headers={"Connection": "close"})
        try:
            update = Update.de_json(json.loads(body), application.bot)
        except Exception:  # never log the body: it holds what the user wrote
            return web.Response(status=400)
        if update is None:
            return web.Response(status=400)
        try:
            text = body.decode()  # stored as it came (it parsed: Telegram's UTF-8 JSON)
        except UnicodeDecodeError:
            text = None
        try:
            await queue.accept(update, text)
        except Exception as error:  # not stored: Telegram sends it again later
            log.error("could not store update %s (%s)", update.update_id, type(error).__name__)
            return web.Response(status=500)
        return web.Response(status=200)

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(path, receive)
    if not path.endswith("/"):
        app.router.add_post(path + "/", receive)  # PTB's server took both
    return app


async def serve_webhook(
    application: SherpaApp,
    *,
    listen: str,
    port: int,
    path: str,
    url: str,
    secret: str,
    retries: int,
    stop: asyncio.Event,
) -> None:
    """Serve until SIGINT/SIGTERM (or `stop`): listen, setWebhook, then handle what comes."""
    # The rest of a refused body is not read, the connection just closes; headers and bodies
    # come within bounded times; a bad port or address is one line naming the setting.
    runner = serving.runner(webhook_app(application, path, secret))

    async def start_receiving() -> None:
        await runner.setup()
        await serving.listen(runner, listen, port, SETTINGS)
        await retrying(
            lambda: application.bot.set_webhook(
                url=url,
                allowed_updates=Update.ALL_TYPES,
                secret_token=secret,
                # One connection: Telegram then sends in update order, so one user's answer
                # and its edit are stored, and handled, in the order they were written.
                max_connections=1,
            ),
            retries,
            "set the webhook",
        )

    await run_until_stopped(
        application,
        start_receiving=start_receiving,
        stop_receiving=runner.cleanup,
        retries=retries,
        stop=stop,
    )
