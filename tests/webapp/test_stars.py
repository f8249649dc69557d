"""The ⭐ in the Mini App: beside each of her answers, toggled by a signed POST, only on her own
answers and never on a day with heavy words; tapped in headless Chromium, then in her PDF."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import aiohttp
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.helpers import World, answer_checkin, onboard
from tests.webapp.browser import LIGHT, artifacts, chromium, launch_url
from tests.webapp.conftest import page_url, signed

pytestmark = pytest.mark.slow

WORDS = "Ze wou eerst haar verhaal kwijt, pas dan het plan"
MORE = "De koffie samen na het gesprek"


async def _ann_checked_in(world: World) -> None:
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, WORDS, MORE)


async def _post(url: str, init_data: str | None, body: object) -> tuple[int, dict]:
    headers = {} if init_data is None else {"Authorization": "tma " + init_data}
    data = body if isinstance(body, str) else json.dumps(body)
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=data, headers=headers) as response,
    ):
        return response.status, await response.json(content_type=None)


async def _quotes(world: World, init_data: str) -> list[dict]:
    url = page_url(world) + "data?level=week"
    headers = {"Authorization": "tma " + init_data}
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as response:
        return (await response.json())["view"]["quotes"]


async def test_a_star_is_hers_to_set_and_only_on_her_own_answers(webapp_world: World):
    await _ann_checked_in(webapp_world)
    storage = webapp_world.bot.services.storage
    star, ann = page_url(webapp_world) + "star", signed(webapp_world, 1001)
    quotes = await _quotes(webapp_world, ann)
    assert [(q["text"], q["starred"]) for q in quotes] == [(WORDS, False), (MORE, False)]
    first = quotes[0]["answer"]
    assert await _post(star, ann, {"answer": first, "starred": True}) == (
        200,
        {"answer": first, "starred": True},
    )
    assert await storage.stars.starred(1001) == {first}
    # The page's view follows at once (its cache knows the stars).
    assert [q["starred"] for q in await _quotes(webapp_world, ann)] == [True, False]
    # No signature, someone else's, or a malformed request: nothing changes.
    bob = webapp_world.api.user(2002, "Bob")
    await onboard(webapp_world, bob)
    assert (await _post(star, None, {"answer": first, "starred": False}))[0] == 401
    forged = ann.replace("%22id%22%3A1001", "%22id%22%3A2002")
    assert (await _post(star, forged, {"answer": first, "starred": False}))[0] == 401
    bobs = signed(webapp_world, 2002)
    assert (await _post(star, bobs, {"answer": first, "starred": False}))[0] == 404
    assert (await _post(star, bobs, {"answer": quotes[1]["answer"], "starred": True}))[0] == 404
    malformed = (
        "not json",
        {"answer": str(first), "starred": True},
        {"answer": first},
        {"answer": first, "starred": 1},
        {"answer": 2**70, "starred": True},
        [1],
    )
    for wrong in malformed:
        assert (await _post(star, ann, wrong))[0] == 400, wrong
    assert await storage.stars.starred(1001) == {first}
    assert await storage.stars.starred(2002) == frozenset()
    assert await _post(star, ann, {"answer": first, "starred": False}) == (
        200,
        {"answer": first, "starred": False},
    )
    assert await storage.stars.starred(1001) == frozenset()


async def test_a_day_with_heavy_words_offers_no_star(webapp_world: World):
    await _ann_checked_in(webapp_world)
    storage = webapp_world.bot.services.storage
    ann = signed(webapp_world, 1001)
    # The mark comes with the answer, as the distress reader leaves it (before any view).
    checkin = await storage.checkins.for_date(1001, webapp_world.clock.now().date())
    last = await storage.stars.last_answer(1001)
    assert checkin is not None and last is not None
    await storage.checkins.set_care_mark(checkin.id, "client")
    quotes = await _quotes(webapp_world, ann)
    assert quotes and all(q["answer"] is None for q in quotes)
    status, _ = await _post(
        page_url(webapp_world) + "star", ann, {"answer": last.answer_id, "starred": True}
    )
    assert status == 404 and await storage.stars.starred(1001) == frozenset()


def _wait(driver, condition) -> None:
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def _star_of(driver, words: str):
    for item in driver.find_elements(By.CSS_SELECTOR, "#words li"):
        if words in item.text:
            return item.find_element(By.CSS_SELECTOR, "button.star")
    raise AssertionError(f"no answer {words!r} on the page")


def _pressed(driver, words: str) -> str:
    return _star_of(driver, words).get_attribute("aria-pressed")


async def test_she_taps_the_star_in_the_browser_and_it_reaches_her_pdf(
    webapp_world: World, tmp_path: Path
):
    await _ann_checked_in(webapp_world)
    page, ann = page_url(webapp_world), signed(webapp_world, 1001)

    def in_browser() -> None:
        with chromium() as driver:
            driver.get(launch_url(page, ann, LIGHT))
            _wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
                "data-state") == "ready")  # fmt: skip
            star = _star_of(driver, WORDS)
            assert star.get_attribute("aria-pressed") == "false"
            assert star.get_attribute("aria-label") == "Geef een ⭐ voor supervisie"
            assert star.size["width"] >= 44 and star.size["height"] >= 44  # a thumb's target
            star.click()
            _wait(driver, lambda d: _pressed(d, WORDS) == "true")
            assert _star_of(driver, WORDS).get_attribute("aria-label") == "Haal de ⭐ weg"
            assert _pressed(driver, MORE) == "false"
            driver.save_screenshot(str(artifacts() / "webapp-star.png"))
            driver.refresh()  # kept: the server has it
            _wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
                "data-state") == "ready")  # fmt: skip
            assert _pressed(driver, WORDS) == "true"
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert errors == [] and driver.execute_script("return window.__sherpaErrors") == []

    await asyncio.to_thread(in_browser)
    ann_user = webapp_world.api.user(1001, "Ann")
    await webapp_world.say(ann_user, "/supervisie")
    await webapp_world.tap(ann_user, "Laatste 4 weken")
    await webapp_world.tap(ann_user, "Alleen met ⭐")
    [document] = [m for m in webapp_world.api.messages(ann_user) if m.kind == "document"]
    pdf = tmp_path / "starred.pdf"
    pdf.write_bytes(document.media.data)
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed (apt-get install poppler-utils)", pytrace=False)
    text = " ".join(subprocess.run([tool, str(pdf), "-"], capture_output=True, check=True)
                    .stdout.decode("utf-8").split())  # fmt: skip
    assert WORDS in text and MORE not in text
