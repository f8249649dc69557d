"""One-line settings for people in a hurry: /time, /days, /tz, /lang, /questions, /pause."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot.account import flow as accounts
from bot.account import views as screens
from bot.account.parsing import (
    ParseError,
    parse_days,
    parse_language,
    parse_pause_days,
    parse_question_count,
    parse_switch,
    parse_time,
    parse_timezone,
    parse_week_moment,
)
from bot.core.replies import current_user, say
from bot.core.services import SherpaContext
from storage import User

# command -> parser from the typed argument to the User fields it sets
_SHORTCUTS: dict[str, Callable[[str], dict[str, Any]]] = {
    "time": lambda text: {"checkin_time": parse_time(text)},
    "days": lambda text: {"days": parse_days(text)},
    "tz": lambda text: {"timezone": parse_timezone(text).key},
    "lang": lambda text: {"language": parse_language(text)},
    "questions": lambda text: {"questions_per_checkin": parse_question_count(text)},
    "week": lambda text: dict(
        zip(("verrekijker_day", "verrekijker_time"), parse_week_moment(text), strict=True)
    ),
    "nudges": lambda text: {"nudges": parse_switch(text)},
}
SHORTCUTS = tuple(_SHORTCUTS)


def shortcut(command: str) -> Callable[[Update, SherpaContext], Awaitable[None]]:
    """A handler for `/<command> <value>` that parses, saves and confirms."""
    parser = _SHORTCUTS[command]

    async def handle(update: Update, context: SherpaContext) -> None:
        """Parse the argument; a bad value changes nothing and shows an example."""
        user, _ = await current_user(update, context)
        argument = " ".join(context.args or [])
        if not argument.strip():
            await say(update, context, user, f"errors.{command}")
            return
        try:
            fields = parser(argument)
        except ParseError as error:
            await say(update, context, user, f"errors.{error.key}")
            return
        user = await accounts.change(context.services, user, **fields)
        await _confirm(update, context, user)

    handle.__doc__ = f"/{command}: change one setting in one line."
    return handle


async def pause(update: Update, context: SherpaContext) -> None:
    """/pause [days]: no messages for a while, or until /resume."""
    user, _ = await current_user(update, context)
    try:
        days = parse_pause_days(" ".join(context.args or []))
    except ParseError as error:
        await say(update, context, user, f"errors.{error.key}")
        return
    user = await accounts.pause(context.services, user, days)
    await _confirm(update, context, user)


async def resume(update: Update, context: SherpaContext) -> None:
    """/resume: end a pause."""
    user, _ = await current_user(update, context)
    user = await accounts.resume(context.services, user)
    await _confirm(update, context, user)


async def _confirm(update: Update, context: SherpaContext, user: User) -> None:
    texts = context.services.texts
    await say(
        update,
        context,
        user,
        "settings.confirm",
        summary=screens.settings_summary(texts, user),
    )
