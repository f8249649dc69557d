"""Care in the chat: the closing of a check-in, the ladder on request, and what follows heavy
words. Nothing here is logged: not that a message was read as distress, not its words.
What is decided is service.py, reached through `Care`, the feature bound once to what it
needs: the handlers take it from the typed context, the check-in hands over the one it holds."""

from __future__ import annotations

from telegram import Bot

from bot.care import views
from bot.care.service import Care
from bot.core.replies import send
from storage import User


async def send_closing(
    care: Care, bot: Bot, user: User, checkin_id: int, *, distress: bool = False
) -> None:
    """Close a finished check-in (see Care.closing); the ladder's date is kept once sent."""
    closing = await care.closing(user, checkin_id, distress=distress)
    await send(bot, user.chat_id, closing.text)
    if closing.ladder_on is not None:
        await care.lines_came(user, closing.ladder_on)


async def show_ladder(care: Care, bot: Bot, user: User) -> None:
    """The support ladder on request (/steun, /support), with the lines of the user's country."""
    await send(bot, user.chat_id, views.ladder(care.texts, user.language, user.timezone))


async def send_crisis(care: Care, bot: Bot, user: User, *, checkin_id: int | None = None) -> None:
    """The lines, at once; with `checkin_id`, the offer to stop that check-in or go on. The
    date is kept (only the date), so the ladder of the days after knows the lines came."""
    texts, lang = care.texts, user.language
    text = views.crisis_text(texts, lang, user.timezone)
    keyboard = None if checkin_id is None else views.choice_keyboard(texts, lang, checkin_id)
    await send(bot, user.chat_id, text, keyboard)
    await care.lines_came(user)


async def send_client_care(care: Care, bot: Bot, user: User) -> None:
    """A word of care after writing about a client's crisis."""
    await send(bot, user.chat_id, views.client_text(care.texts, user.language, user.timezone))
