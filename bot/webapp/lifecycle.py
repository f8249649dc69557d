"""The Mini App's doors and lifetime: its server runs with the bot, in polling and webhook mode.

Started from the Application's post_init (bot/app.py), so `run`, `run --webhook`, `try` and
the tests all serve it the same way; stopped in post_stop, before the storage closes.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from telegram import MenuButtonWebApp, WebAppInfo
from telegram.error import TelegramError

from bot.core.services import Services, SherpaApp
from bot.webapp.data import MiniApp
from bot.webapp.server import WebappServer, webapp_app

log = logging.getLogger(__name__)



async def start_webapp(application: SherpaApp, services: Services) -> WebappServer | None:
    """Serve the Mini App and make it the chat's menu button; nothing without WEBAPP_URL."""
    settings = services.settings
    url = settings.webapp_url
    if not url:
        return None
    # Services is this composition's honest need (where to listen, the menu's words); the
    # server itself gets only what its pages read and write.
    mini_app = MiniApp.bound(services)
    app = webapp_app(mini_app, application.bot.token, urlsplit(url).path, settings.webapp_max_age)
    server = WebappServer(app, settings.webapp_listen, settings.webapp_port)
    port = await server.start()  # a ConfigError naming WEBAPP_LISTEN or WEBAPP_PORT
    application.bot_data.webapp = server
    log.info("the Mini App listens on %s:%s for %s", settings.webapp_listen, port, url)
    text = services.texts.text(settings.default_language, "webapp.menu")
    try:  # the default menu button of every private chat
        await application.bot.set_chat_menu_button(
            menu_button=MenuButtonWebApp(text, WebAppInfo(url))
        )
    except TelegramError as error:  # the page still works from the messages' button
        log.warning("could not set the menu button: %s", error.message)
    return server


async def stop_webapp(application: SherpaApp) -> None:
    """Stop serving (a request in flight finishes); safe to call twice."""
    server, application.bot_data.webapp = application.bot_data.webapp, None
    if server is not None:
        await server.stop()


def webapp_port(application: SherpaApp) -> int | None:
    """The port the Mini App listens on (None when it is off)."""
    server = application.bot_data.webapp
    return None if server is None else server.port
