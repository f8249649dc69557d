"""The verrekijker's keyboards: zoom in and out, move between weeks, open the Mini App."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.core.services import Services
from bot.verrekijker.callbacks import VIEW, VerrekijkerView
from bot.verrekijker.service import current_week
from storage import User


def keyboard(services: Services, user: User, view: str, week: date) -> InlineKeyboardMarkup:
    """Zoom in / out, previous / next week, everything since the start."""
    texts, lang = services.texts, user.language

    def button(key: str, target_view: str, target_week: date) -> InlineKeyboardButton:
        label = texts.text(lang, key)
        if target_view == view and target_week == week:
            label = "✓ " + label
        data = VIEW.encode(VerrekijkerView(target_view, target_week))
        return InlineKeyboardButton(label, callback_data=data)

    navigation = [button("weekly.previous", view, week - timedelta(weeks=1))]
    if week < current_week(services, user):
        navigation.append(button("weekly.next", view, week + timedelta(weeks=1)))
    rows = [
        [button("weekly.zoom_in", "week", week), button("weekly.zoom_out", "weeks", week)],
        navigation,
        [button("weekly.all", "all", week)],
    ]
    if mini_app := open_button(services, lang, view, week):  # the Mini App, when WEBAPP_URL is set
        rows.append([mini_app])
    return InlineKeyboardMarkup(rows)


def open_button(services: Services, lang: str, level: str, at: date) -> InlineKeyboardButton | None:
    """The button that opens the Mini App at this view (None while WEBAPP_URL is not set)."""
    base = services.settings.webapp_url
    if not base:
        return None
    url = f"{base}?{urlencode({'level': level, 'at': at.isoformat()})}"
    return InlineKeyboardButton(services.texts.text(lang, "webapp.open"), web_app=WebAppInfo(url))
