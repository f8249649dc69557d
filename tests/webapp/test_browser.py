"""The Mini App end to end in real headless Chromium: a check-in through the real bot, then
the page, opened as Telegram opens it (launch parameters in the URL fragment)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.helpers import World, answer_checkin, onboard
from tests.webapp.browser import DARK, LIGHT, artifacts, chromium, launch_url
from tests.webapp.conftest import page_url, signed

pytestmark = pytest.mark.slow

WORDS = "Ze wou eerst haar verhaal kwijt, pas dan het plan"
MORE = "De koffie samen na het gesprek"


def _wait(driver, condition) -> None:
    """Until `condition(driver)`; the page redraws, so an element may go stale meanwhile."""
    WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def _state(driver, wanted: str) -> None:
    _wait(
        driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == wanted
    )


def _page_errors(driver) -> list[str]:
    logged = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return logged + driver.execute_script("return window.__sherpaErrors || []")


async def _checked_in(world: World) -> None:
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, WORDS, MORE)


async def test_the_page_shows_the_users_own_words_and_zooms(webapp_world: World):
    await _checked_in(webapp_world)
    page, ann = page_url(webapp_world), signed(webapp_world, 1001)
    folder = artifacts()

    def in_browser() -> None:
        with chromium() as driver:
            driver.get(launch_url(page, ann, LIGHT))
            _state(driver, "ready")
            assert WORDS in driver.find_element(By.ID, "words").text
            driver.save_screenshot(str(folder / "webapp-light.png"))
            title = driver.find_element(By.TAG_NAME, "h1").text
            driver.find_element(By.CSS_SELECTOR, "button[data-level='weeks']").click()
            _wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text != title)
            pressed = driver.find_element(By.CSS_SELECTOR, "button[data-level='weeks']")
            assert pressed.get_attribute("aria-pressed") == "true"
            driver.find_element(By.CSS_SELECTOR, "button.day").click()  # into that day
            _wait(
                driver,
                lambda d: (
                    d.find_element(By.CSS_SELECTOR, "button[data-level='day']").get_attribute(
                        "aria-pressed"
                    )
                    == "true"
                ),
            )
            assert MORE in driver.find_element(By.ID, "words").text
            driver.find_element(By.CSS_SELECTOR, "button.signpost[data-signpost='2']").click()
            assert WORDS not in driver.find_element(By.ID, "words").text  # only signpost 2's
            assert _page_errors(driver) == []
            driver.get(launch_url(page, ann, DARK))
            driver.refresh()  # a new fragment alone does not reload the page
            _state(driver, "ready")
            scheme = driver.execute_script("return document.documentElement.dataset.scheme")
            assert scheme == "dark"
            driver.save_screenshot(str(folder / "webapp-dark.png"))
            assert _page_errors(driver) == []

    await asyncio.to_thread(in_browser)
    print(f"screenshots: {folder / 'webapp-light.png'} and {folder / 'webapp-dark.png'}")


async def test_another_user_and_a_forged_signature_never_see_them(webapp_world: World):
    await _checked_in(webapp_world)
    page = page_url(webapp_world)
    bob = signed(webapp_world, 2002)  # valid, but Bob's: he has no history here
    ann = signed(webapp_world, 1001)
    forged = ann.replace("%22id%22%3A1001", "%22id%22%3A1002")  # Ann's hash, another id
    assert forged != ann

    def in_browser() -> None:
        with chromium() as driver:
            driver.get(launch_url(page, bob, LIGHT))
            _state(driver, "empty")  # the kind first view, not a blank chart
            assert "Welkom bij de verrekijker" in driver.find_element(By.TAG_NAME, "h1").text
            assert WORDS not in driver.page_source and MORE not in driver.page_source
            driver.save_screenshot(str(artifacts() / "webapp-empty.png"))
            assert _page_errors(driver) == []
            driver.get(launch_url(page, forged, LIGHT))
            driver.refresh()
            _state(driver, "unauthorized")
            assert WORDS not in driver.page_source and MORE not in driver.page_source
            # The one error is the refused request itself.
            errors = _page_errors(driver)
            assert errors and all("401" in e for e in errors), errors

    await asyncio.to_thread(in_browser)


def _touch(driver, kind: str, points: list[tuple[int, int]]) -> None:
    touches = [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})


def _level(driver) -> str:
    pressed = driver.find_element(By.CSS_SELECTOR, "button.level[aria-pressed='true']")
    return pressed.get_attribute("data-level")


def _wait_level(driver, level: str) -> None:
    _wait(driver, lambda d: _level(d) == level)


async def test_pinch_swipe_and_keys_zoom_and_move_through_time(webapp_world: World):
    await _checked_in(webapp_world)  # Monday 2 March
    ann = webapp_world.api.user(1001, "Ann")
    webapp_world.clock.set(webapp_world.clock.now() + timedelta(weeks=1))
    await webapp_world.say(ann, "/today")
    await answer_checkin(webapp_world, ann, "Een week later, meer rust", "Samen gelachen")
    page, init_data = page_url(webapp_world), signed(webapp_world, 1001)

    def in_browser() -> None:
        with chromium() as driver:
            driver.get(launch_url(page, init_data, LIGHT))
            _state(driver, "ready")
            assert "Een week later" in driver.find_element(By.ID, "words").text
            # Swipe right: back in time, to the week before.
            _touch(driver, "touchStart", [(60, 400)])
            _touch(driver, "touchMove", [(200, 405)])
            _touch(driver, "touchEnd", [])
            _wait(driver, lambda d: WORDS in d.find_element(By.ID, "words").text)
            assert "Een week later" not in driver.find_element(By.ID, "words").text
            # Pinch in (fingers together): zoom out to four weeks, both weeks in view.
            _touch(driver, "touchStart", [(80, 400), (280, 400)])
            _touch(driver, "touchMove", [(150, 400), (210, 400)])
            _touch(driver, "touchEnd", [])
            _wait_level(driver, "weeks")
            # Spread the fingers: zoom back in.
            _touch(driver, "touchStart", [(150, 400), (210, 400)])
            _touch(driver, "touchMove", [(60, 400), (300, 400)])
            _touch(driver, "touchEnd", [])
            _wait_level(driver, "week")
            # By keyboard: a level button with Enter, then arrows through time.
            button = driver.find_element(By.CSS_SELECTOR, "button[data-level='weeks']")
            button.send_keys(Keys.ENTER)
            _wait_level(driver, "weeks")
            focused = driver.switch_to.active_element.get_attribute("data-key")
            assert focused == "weeks"  # the focus stays where the keyboard user was
            driver.switch_to.active_element.send_keys("+")
            _wait_level(driver, "week")
            assert _page_errors(driver) == []

    await asyncio.to_thread(in_browser)
