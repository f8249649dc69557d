"""The verrekijker's keyboards: zoom in and out, move between weeks, open the Mini App."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.core.texts import Catalog
from bot.verrekijker.callbacks import VIEW, VerrekijkerView


def keyboard(
    texts: Catalog, lang: str, view: str, week: date, this_week: date, webapp_url: str | None
) -> InlineKeyboardMarkup:
    """Zoom in / out, previous / next week (never past this one), everything since the start."""

    def button(key: str, target_view: str, target_week: date) -> InlineKeyboardButton:
        label = texts.text(lang, key)
        if target_view == view and target_week == week:
            label = "✓ " + label
        data = VIEW.encode(VerrekijkerView(target_view, target_week))
        return InlineKeyboardButton(label, callback_data=data)

    navigation = [button("weekly.previous", view, week - timedelta(weeks=1))]
    if week < this_week:
        navigation.append(button("weekly.next", view, week + timedelta(weeks=1)))
    rows = [
        [button("weekly.zoom_in", "week", week), button("weekly.zoom_out", "weeks", week)],
        navigation,
        [button("weekly.all", "all", week)],
    ]
    if mini_app := open_button(texts, lang, webapp_url, view, week):  # when WEBAPP_URL is set
        rows.append([mini_app])
    return InlineKeyboardMarkup(rows)


def open_button(
    texts: Catalog, lang: str, webapp_url: str | None, level: str, at: date
) -> InlineKeyboardButton | None:
    """The button that opens the Mini App at this view (None while WEBAPP_URL is not set)."""
    if not webapp_url:
        return None
    url = f"{webapp_url}?{urlencode({'level': level, 'at': at.isoformat()})}"
    return InlineKeyboardButton(texts.text(lang, "webapp.open"), web_app=WebAppInfo(url))
