"""Her intentions in the Mini App: set in the weekly talk, shown in the period they were set,
with how they went; over HTTP and in headless Chromium."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bot.checkin import cycle
from bot.checkin.dialog import steps
from bot.checkin.service import Checkins
from bot.core.schedule import local_today
from tests.helpers import World, answer_checkin, onboard
from tests.webapp.browser import LIGHT, chromium, launch_url
from tests.webapp.conftest import page_url, signed

pytestmark = pytest.mark.slow

INTENTION = "Op dinsdag een half uur zonder telefoon voor het dossierwerk"


async def _data(world: World, init_data: str, level: str) -> dict:
    url = page_url(world) + f"data?level={level}"
    headers = {"Authorization": "tma " + init_data}
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as response:
        return await response.json()


async def test_her_intention_is_shown_in_its_week_with_how_it_went(webapp_world: World):
    world = webapp_world
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await answer_checkin(world, ann, "Ik liet haar eerst vertellen.", "Ik stopte op tijd.")
    services = world.bot.services
    user = await services.storage.users.get(ann.id)
    assert user is not None
    checkins = Checkins.bound(services)
    talk = await cycle.start_weekly_talk(checkins, user, local_today(services.clock, user.timezone))
    await steps.deliver(checkins, world.bot.application.bot, user, talk)
    await world.say(ann, "Ik luister beter als ik niet moe ben.")
    await world.say(ann, INTENTION)
    body = await _data(world, signed(world, 1001), "week")
    assert [(i["text"], i["outcome"]) for i in body["intentions"]] == [(INTENTION, None)]
    page, init_data = page_url(world), signed(world, 1001)

    def in_browser() -> str:
        with chromium() as driver:
            driver.get(launch_url(page, init_data, LIGHT))
            WebDriverWait(driver, 10).until(
                lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state")
                == "ready"
            )
            return str(driver.find_element(By.ID, "intentions").text)

    shown = await asyncio.to_thread(in_browser)
    assert "Voornemens" in shown and INTENTION in shown
