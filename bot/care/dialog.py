"""Care in the chat: the closing of a check-in, the ladder on request, and what follows heavy
words. Nothing here is logged: not that a message was read as distress, not its words."""

from __future__ import annotations

from telegram import Bot

from bot.care import service, views
from bot.core.replies import send
from bot.core.services import Services
from storage import User


async def send_closing(
    services: Services, bot: Bot, user: User, checkin_id: int, *, distress: bool = False
) -> None:
    """Close a finished check-in (see service.closing); the ladder's date is kept once sent."""
    closing = await service.closing(services, user, checkin_id, distress=distress)
    await send(bot, user.chat_id, closing.text)
    if closing.ladder_on is not None:
        await service.lines_came(services, user, closing.ladder_on)


async def show_ladder(services: Services, bot: Bot, user: User) -> None:
    """The support ladder on request (/steun, /support), with the lines of the user's country."""
    await send(bot, user.chat_id, views.ladder(services.texts, user.language, user.timezone))


async def send_crisis(
    services: Services, bot: Bot, user: User, *, checkin_id: int | None = None
) -> None:
    """The lines, at once; with `checkin_id`, the offer to stop that check-in or go on. The
    date is kept (only the date), so the ladder of the days after knows the lines came."""
    texts, lang = services.texts, user.language
    text = views.crisis_text(texts, lang, user.timezone)
    keyboard = None if checkin_id is None else views.choice_keyboard(texts, lang, checkin_id)
    await send(bot, user.chat_id, text, keyboard)
    await service.lines_came(services, user)


async def send_client_care(services: Services, bot: Bot, user: User) -> None:
    """A word of care after writing about a client's crisis."""
    await send(bot, user.chat_id, views.client_text(services.texts, user.language, user.timezone))
