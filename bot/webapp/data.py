"""The one read behind the Mini App: the signing user's own history, as one zoom level."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.checkin.flow import today
from bot.core.services import Services
from bot.webapp.init_data import WebAppUser
from bot.webapp.payload import shell, view_json
from bot.webapp.periods import Level, build_period
from storage.models import LANGUAGES


async def user_view(
    services: Services, signed: WebAppUser, level: Level, at: date | None
) -> dict[str, Any]:
    """The page's data for the user Telegram signed for, and only for them.

    Someone unknown (never started, or erased) gets the kind first view: Telegram vouches
    for who they are, and they simply have nothing stored here.
    """
    user = await services.storage.users.get(signed.user_id)
    if user is not None:
        lang = user.language
    elif signed.language_code in LANGUAGES:
        lang = signed.language_code
    else:
        lang = services.settings.default_language
    body = shell(services.texts, lang)
    history = [] if user is None else await services.storage.history.history(user.user_id)
    if user is None or not history:
        return {**body, "empty": True}
    local_today = today(services, user)
    view = build_period(history, level, at or local_today, local_today, services.content)
    return {
        **body,
        "empty": False,
        "today": local_today.isoformat(),
        "view": view_json(view, services.texts, lang, services.content),
    }
