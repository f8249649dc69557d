"""The Mini App's HTTP side: the page at WEBAPP_URL's path, its data under it, nothing else.

Every data request carries Telegram's initData in `Authorization: tma <initData>` (a header,
never the query string, so no proxy or access log keeps it). The answer is the signing
user's own data or a 401 with none. Strict headers on everything: no cookies, no third
party but Telegram's optional script, no caching of data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import date
from importlib import resources

from aiohttp import web

from bot.core import serving
from bot.webapp.data import MiniApp, Views, set_star
from bot.webapp.init_data import InvalidInitData, WebAppUser, validate
from bot.webapp.limits import Busy, LaunchRate
from bot.webapp.payload import shell
from bot.webapp.periods import LEVELS

log = logging.getLogger(__name__)

SCHEME = "tma "
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self' https://telegram.org",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors https://web.telegram.org https://*.telegram.org",
    )
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
STATIC = {
    "": ("index.html", "text/html"),
    "app.js": ("app.js", "text/javascript"),
    "app.css": ("app.css", "text/css"),
    "charts.js": ("charts.js", "text/javascript"),
}
SETTINGS = {"host": "WEBAPP_LISTEN", "port": "WEBAPP_PORT"}
RETRY_AFTER = 3  # seconds, in a 429's Retry-After
EARLIEST, LATEST = date(1970, 1, 1), date(9999, 1, 1)  # an `at` outside is a 400
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        response = web.Response(status=error.status)  # no aiohttp page, no reflected path
    response.headers.update(HEADERS)
    response.headers.pop("Set-Cookie", None)
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def _static_files() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("bot.webapp") / "static"
    return {route: ((folder / name).read_bytes(), kind) for route, (name, kind) in STATIC.items()}


def _language(request: web.Request, mini_app: MiniApp) -> str:
    """For a 401's one line: the browser's language if we speak it (no user is known)."""
    wanted = request.headers.get("Accept-Language", "")[:2].lower()
    return wanted if wanted in mini_app.texts.entries else mini_app.default_language


def webapp_app(mini_app: MiniApp, token: str, path: str, max_age: int) -> web.Application:
    """The aiohttp app: GET `path` (the page), its script and style files, `path`data (JSON);
    POST `path`star (her ⭐ on an answer)."""
    files = _static_files()

    async def page(request: web.Request) -> web.Response:
        found = files.get(request.match_info.get("name", ""))
        if found is None:
            raise web.HTTPNotFound()
        body, kind = found
        # The page and its files hold no data; no-cache: a new version of the bot shows at once.
        headers = {"Cache-Control": "no-cache"}
        return web.Response(body=body, content_type=kind, charset="utf-8", headers=headers)

    views = Views(mini_app)
    launches = LaunchRate()

    def busy(request: web.Request) -> web.Response:
        texts = shell(mini_app.texts, _language(request, mini_app))["texts"]
        return web.json_response(
            {"error": "busy", "message": texts["busy"]},
            status=429,
            headers={"Retry-After": str(RETRY_AFTER)},
        )

    def signer(request: web.Request) -> tuple[str, WebAppUser] | web.Response:
        """The launch and the user Telegram signed it for, or the 401 to answer."""
        header = request.headers.get("Authorization", "")
        launch = header[len(SCHEME) :]
        try:
            if not header.startswith(SCHEME):
                raise InvalidInitData("no initData")
            return launch, validate(launch, token, now=time.time(), max_age=max_age)
        except InvalidInitData:
            texts = shell(mini_app.texts, _language(request, mini_app))["texts"]
            return web.json_response(
                {"error": "unauthorized", "message": texts["unauthorized"]}, status=401
            )

    async def data(request: web.Request) -> web.Response:
        signed_in = signer(request)
        if isinstance(signed_in, web.Response):
            return signed_in
        launch, signed = signed_in
        level = request.query.get("level", "week")
        if level not in LEVELS:
            return web.json_response({"error": "level"}, status=400)
        try:
            at = date.fromisoformat(request.query["at"]) if "at" in request.query else None
        except ValueError:
            return web.json_response({"error": "at"}, status=400)
        if at is not None and not EARLIEST <= at <= LATEST:
            return web.json_response({"error": "at"}, status=400)
        try:
            launches.take(launch)  # a replayed launch beyond a small rate
            body = await views.answer(signed, level, at)
        except Busy:
            return busy(request)
        except Exception as error:  # never the message: it may quote what the user wrote
            log.error("webapp data for user %s failed (%s)", signed.user_id, type(error).__name__)
            return web.json_response({"error": "failed"}, status=500)
        return web.Response(body=body, content_type="application/json")

    star_taps = LaunchRate()  # taps on stars have their own budget: they cost no view

    async def star(request: web.Request) -> web.Response:
        """POST {"answer": id, "starred": true|false}: her ⭐ on one of her own answers."""
        signed_in = signer(request)
        if isinstance(signed_in, web.Response):
            return signed_in
        launch, signed = signed_in
        try:
            asked = await request.json()
            answer, starred = asked["answer"], asked["starred"]
        except (ValueError, KeyError, TypeError):
            return web.json_response({"error": "star"}, status=400)
        if type(answer) is not int or type(starred) is not bool or not 0 < answer < 2**63:
            return web.json_response({"error": "star"}, status=400)
        try:
            star_taps.take(launch)
            now = await set_star(mini_app, signed.user_id, answer, starred)
        except Busy:
            return busy(request)
        except Exception as error:  # never the message
            log.error("webapp star for user %s failed (%s)", signed.user_id, type(error).__name__)
            return web.json_response({"error": "failed"}, status=500)
        if now is None:
            return web.json_response({"error": "answer"}, status=404)
        return web.json_response({"answer": answer, "starred": now})

    async def close_views(_app: web.Application) -> None:
        views.close()

    app = web.Application(middlewares=[_headers], client_max_size=64 * 1024)
    app.router.add_get(path, page)
    app.router.add_get(path + "data", data)
    app.router.add_post(path + "star", star)
    app.on_cleanup.append(close_views)
    app.router.add_get(path + "{name:(?:app|charts)\\.(?:js|css)}", page)
    return app


class WebappServer(serving.Server):
    """The Mini App's server on its own port, started and stopped with the bot."""

    def __init__(self, app: web.Application, listen: str, port: int) -> None:
        super().__init__(app, listen, port, SETTINGS)
