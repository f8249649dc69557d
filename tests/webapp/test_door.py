"""The Mini App's doors: a web_app button on every verrekijker message and the menu button,
only with WEBAPP_URL; and the setting itself, checked once with one clear line."""

from __future__ import annotations

import pytest
from telegram import Bot, MenuButtonCommands, MenuButtonWebApp, WebAppInfo
from telegram.error import BadRequest

from bot.config import ConfigError, load_settings
from tests.helpers import World, answer_checkin, onboard
from tests.webapp.conftest import PUBLIC_URL

pytestmark = pytest.mark.slow


def web_apps(world: World, user) -> list[str]:
    message = world.api.last_message(user)
    assert message is not None
    return [b.web_app for row in message.buttons for b in row if b.web_app]


async def test_every_verrekijker_message_opens_the_mini_app_at_its_view(webapp_world: World):
    ann = webapp_world.api.user(1001, "Ann")
    await onboard(webapp_world, ann)
    await webapp_world.say(ann, "/today")
    await answer_checkin(webapp_world, ann, "Eerst luisteren", "Dan pas het plan")
    await webapp_world.say(ann, "/verrekijker")
    assert web_apps(webapp_world, ann) == [PUBLIC_URL + "?level=week&at=2026-03-02"]
    await webapp_world.tap(ann, "🔭 Vier weken")  # an edit keeps the door, at the new view
    assert web_apps(webapp_world, ann) == [PUBLIC_URL + "?level=weeks&at=2026-03-02"]
    menu = webapp_world.api.menu_buttons[None]  # every private chat's menu button
    assert menu == {"type": "web_app", "text": "Verrekijker", "web_app": {"url": PUBLIC_URL}}


async def test_without_webapp_url_nothing_changes(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/verrekijker")
    assert web_apps(world, ann) == []
    assert world.api.calls_to("setChatMenuButton") == []


def test_webapp_url_must_be_https_and_is_taken_as_a_folder():
    ok = load_settings(_env_file=None, webapp_url="https://sherpa.example.org/verrekijker")
    assert ok.webapp_url == "https://sherpa.example.org/verrekijker/"
    ok.require_public_webapp()
    for wrong in ("http://sherpa.example.org/", "ftp://x/", "sherpa.example.org", "https://x/?a=1"):
        with pytest.raises(ConfigError, match=r"^WEBAPP_URL: must"):
            load_settings(_env_file=None, webapp_url=wrong)
    local = load_settings(_env_file=None, webapp_url="http://127.0.0.1:8090/verrekijker/")
    with pytest.raises(ConfigError, match=r"^WEBAPP_URL: Telegram opens Mini Apps only over"):
        local.require_public_webapp()  # fine for `try`, refused by `run`
    assert load_settings(_env_file=None, webapp_url="").webapp_url is None


async def test_the_stand_in_keeps_menu_buttons_and_refuses_a_plain_http_mini_app(api):
    bot = Bot(token=api.token, base_url=api.base_url)
    async with bot:
        assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
        with pytest.raises(BadRequest, match=r"(?i)button_url_invalid"):
            await bot.set_chat_menu_button(
                menu_button=MenuButtonWebApp("V", WebAppInfo("http://sherpa.example.org/"))
            )
        ann = api.user(1001, "Ann")
        url = "https://sherpa.example.org/verrekijker/"
        await bot.set_chat_menu_button(menu_button=MenuButtonWebApp("V", WebAppInfo(url)))
        shown = await bot.get_chat_menu_button(chat_id=ann.id)  # the default applies
        assert isinstance(shown, MenuButtonWebApp) and shown.web_app.url == url
