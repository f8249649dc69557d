"""What follows heavy words: the lines at once for the writer's own distress, and a word about
debriefing and support when they write about a client's crisis.

Nothing here is logged: not that a message was read as distress, not its words.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.care.callbacks import CARE, CARE_CHOICES, CareChoice
from bot.care.helplines import write_lines
from bot.core.replies import send
from bot.core.schedule import local_date
from bot.core.services import Services
from bot.core.texts import Catalog
from storage import User


def crisis_text(texts: Catalog, lang: str, timezone: str | None) -> str:
    """Says what was read without quoting it, names the lines, one person to talk to today."""
    lines = write_lines(texts, lang, timezone, crisis_only=False)
    return texts.text(lang, "care.crisis.text", lines=lines)


def client_text(texts: Catalog, lang: str, timezone: str | None) -> str:
    """Heavy work: debriefing, supervision or intervisie, and the lines that help helpers too."""
    lines = write_lines(texts, lang, timezone, crisis_only=True)
    return texts.text(lang, "care.client.text", lines=lines)


def choice_keyboard(texts: Catalog, lang: str, checkin_id: int) -> InlineKeyboardMarkup:
    """Stop the check-in here, or go on."""
    labels = {"stop": "care.crisis.stop", "go": "care.crisis.go_on"}
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.text(lang, labels[c]),
                    callback_data=CARE.encode(CareChoice(c, checkin_id)),
                )
            ]
            for c in CARE_CHOICES
        ]
    )


async def send_crisis(
    services: Services, bot: Bot, user: User, *, checkin_id: int | None = None
) -> None:
    """The lines, at once; with `checkin_id`, the offer to stop that check-in or go on. The
    date is kept (only the date), so the ladder of the days after knows the lines came."""
    texts, lang = services.texts, user.language
    text = crisis_text(texts, lang, user.timezone)
    keyboard = None if checkin_id is None else choice_keyboard(texts, lang, checkin_id)
    await send(bot, user.chat_id, text, keyboard)
    day = local_date(services.clock.now(), ZoneInfo(user.timezone))
    await services.storage.care.mark_offered(user.user_id, day)


async def send_client_care(services: Services, bot: Bot, user: User) -> None:
    """A word of care after writing about a client's crisis."""
    await send(bot, user.chat_id, client_text(services.texts, user.language, user.timezone))
