"""The operator's port (OPS_LISTEN:OPS_PORT, off without OPS_PORT): /healthz, /readyz, /metrics.

- /healthz: the process answers (for the service manager's watchdog or a liveness probe).
- /readyz: the database answers and updates are being received (polling or webhook); else
  503 with a one-line reason (for the proxy's and the orchestrator's readiness checks).
- /metrics: Prometheus text from prometheus-client, the database gauges read at the scrape.
Started from post_init with the Mini App, so `run`, `run --webhook` and the tests serve it
alike; stopped before the storage closes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.core import serving
from bot.core.services import Services, SherpaApp
from bot.ops import figures
from bot.ops.metrics import REGISTRY

log = logging.getLogger(__name__)

SETTINGS = {"host": "OPS_LISTEN", "port": "OPS_PORT"}
READY_TIMEOUT = 2.0  # seconds the database gets to answer a readiness check


def ops_app(services: Services, receiving: Callable[[], bool]) -> web.Application:
    """The three endpoints; `receiving` says whether updates are coming in now."""

    async def healthz(_: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(_: web.Request) -> web.Response:
        if not receiving():
            return web.Response(status=503, text="not ready: not receiving updates\n")
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                await services.storage.responds()
        except Exception as error:  # any failure to answer is "not ready", said in one line
            return web.Response(
                status=503,
                text=f"not ready: the database does not answer ({type(error).__name__})\n",
            )
        return web.Response(text="ready\n")

    async def metrics(_: web.Request) -> web.Response:
        await figures.refresh_gauges(services.storage, services.clock.now())
        body = generate_latest(REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    return app


async def start_ops(application: SherpaApp, services: Services) -> serving.Server | None:
    """Serve the operator's port; nothing without OPS_PORT. A ConfigError naming OPS_LISTEN or
    OPS_PORT when it cannot listen."""
    settings = services.settings
    if settings.ops_port is None:
        return None
    server = serving.Server(
        ops_app(services, lambda: application.running),
        settings.ops_listen,
        settings.ops_port,
        SETTINGS,
    )
    port = await server.start()
    # Each instance serves its own figures; target_info names which one (never a user's).
    REGISTRY.set_target_info({"instance": f"{socket.gethostname()}:{os.getpid()}"})
    application.bot_data.ops = server
    log.info("the operator's port listens on %s:%s", settings.ops_listen, port)
    return server


async def stop_ops(application: SherpaApp) -> None:
    """Stop serving the operator's port (idempotent)."""
    server, application.bot_data.ops = application.bot_data.ops, None
    if server is not None:
        await server.stop()


def ops_port(application: SherpaApp) -> int | None:
    """The port it listens on (tests start it on port 0)."""
    server = application.bot_data.ops
    return None if server is None else server.port
