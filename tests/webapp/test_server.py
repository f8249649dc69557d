"""The Mini App's server over real HTTP, inside the running bot: who gets what, and headers."""

from __future__ import annotations

import json
import logging

import aiohttp
import pytest

from bot.privacy_guard import mask, scan
from tests.helpers import World, answer_checkin, onboard
from tests.webapp.conftest import page_url, signed

pytestmark = pytest.mark.slow

OURS = ("aiohttp", "bot.webapp")
WORDS = "Ze wou eerst haar verhaal kwijt, pas dan het plan"


async def _ann_checked_in(world: World) -> None:
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, WORDS, "De koffie samen")


async def _get(url: str, init_data: str | None = None, scheme: str = "tma ") -> tuple:
    headers = {} if init_data is None else {"Authorization": scheme + init_data}
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as response:
        return response.status, response.headers, await response.text()


async def test_missing_forged_expired_or_foreign_init_data_gets_401_and_no_data(
    webapp_world: World,
):
    await _ann_checked_in(webapp_world)
    data = page_url(webapp_world) + "data?level=all"
    ann = signed(webapp_world, 1001)
    forged = ann.replace("%22id%22%3A1001", "%22id%22%3A2002")
    wrong_token = ann[: ann.index("hash=")] + "hash=" + "0" * 64
    refused = [
        await _get(data),
        await _get(data, ann, scheme="Bearer "),
        await _get(data, forged),
        await _get(data, wrong_token),
        await _get(data, signed(webapp_world, 1001, age=3601)),
        await _get(data, "user=%7B%22id%22%3A1001%7D&auth_date=1"),
    ]
    for status, _, body in refused:
        assert status == 401
        assert WORDS not in body and "koffie" not in body and '"view"' not in body
    status, _, body = await _get(data, ann)
    assert status == 200 and WORDS in body


async def test_each_user_sees_only_their_own_history_and_an_erased_one_nothing(
    webapp_world: World,
):
    await _ann_checked_in(webapp_world)
    data = page_url(webapp_world) + "data?level=all"
    bob = webapp_world.api.user(2002, "Bob")
    await onboard(webapp_world, bob)
    status, _, body = await _get(data, signed(webapp_world, 2002))
    assert status == 200 and '"empty": true' in body and WORDS not in body
    # Asking for someone else in the query changes nothing: the signature decides.
    status, _, body = await _get(data + "&user=1001&user_id=1001", signed(webapp_world, 2002))
    assert WORDS not in body
    status, _, body = await _get(data, signed(webapp_world, 3003, lang="en"))
    assert status == 200 and '"empty": true' in body and '"lang": "en"' in body
    ann = webapp_world.api.user(1001, "Ann")
    await webapp_world.say(ann, "/delete")
    message = webapp_world.api.last_message(ann)
    webapp_world.api.press(ann, message.message_id, "c:delete:y")  # the confirming tap
    await webapp_world.bot.settle()
    assert await webapp_world.bot.services.storage.users.get(1001) is None
    status, _, body = await _get(data, signed(webapp_world, 1001))
    assert status == 200 and '"empty": true' in body and WORDS not in body


async def test_strict_headers_no_cookies_and_no_caching_of_data(webapp_world: World):
    await _ann_checked_in(webapp_world)
    page = page_url(webapp_world)
    for url, init_data in ((page, None), (page + "app.js", None), (page + "data", "x")):
        status, headers, _ = await _get(url, init_data)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self' https://telegram.org" in csp
        assert "frame-ancestors https://web.telegram.org" in csp and "connect-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "Set-Cookie" not in headers
    status, headers, _ = await _get(page + "data", signed(webapp_world, 1001))
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"].startswith("application/json")
    for other in ("../bot/config.py", "data/x", "static/app.js", "charts.css", "index.html"):
        status, _, body = await _get(page + other)
        assert status == 404 and "Traceback" not in body
    status, _, _ = await _get(page + "data?level=year", signed(webapp_world, 1001))
    assert status == 400


async def test_nothing_secret_reaches_the_logs(webapp_world: World, caplog):
    # Everything the Mini App and aiohttp say, down to DEBUG (httpx's and PTB's lines are
    # bot/logging_setup.py's business, which quiets them in production).
    for name in OURS:
        caplog.set_level(logging.DEBUG, logger=name)
    await _ann_checked_in(webapp_world)
    page = page_url(webapp_world)
    ann = signed(webapp_world, 1001)
    await _get(page + "data?level=day", ann)
    await _get(page + "data?level=week", ann.replace("1001", "1002"))
    await _get(page + "data?" + ann)  # even pasted into the query by mistake
    log = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records if r.name.startswith(OURS))
    assert "GET /verrekijker/data 200" in log  # the access log is on, but path-only
    assert "GET /verrekijker/data 401" in log
    assert ann not in log and ann.split("hash=")[1] not in log and "auth_date" not in log
    assert WORDS not in log and "koffie" not in log
    token = webapp_world.api.token
    assert token not in log and token.split(":")[1] not in log


@pytest.mark.parametrize("webapp_world", ["sealed"], indirect=True)
async def test_words_are_shown_as_stored_masked_where_the_guard_masked_them(webapp_world: World):
    ann = webapp_world.api.user(1001, "Ann")
    await onboard(webapp_world, ann)
    await webapp_world.say(ann, "/today")
    risky = "Mevrouw Peeters belde, haar nummer is 0470 12 34 56."
    await webapp_world.say(ann, risky)
    await webapp_world.tap(ann, "Bewaar zo, afgeschermd")
    await answer_checkin(webapp_world, ann, WORDS)
    status, _, body = await _get(
        page_url(webapp_world) + "data?level=day", signed(webapp_world, 1001)
    )
    assert status == 200
    quotes = [q["text"] for q in json.loads(body)["view"]["quotes"]]
    assert mask(risky, scan(risky)) in quotes
    assert "0470" not in body and "Peeters" not in body
    assert WORDS in body  # sealed at rest, opened through the storage's cipher
    if webapp_world.database.engine == "sqlite":  # PostgreSQL's files are the server's own
        assert WORDS.encode() not in webapp_world.sqlite_path.read_bytes()
