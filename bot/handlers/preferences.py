"""One-line settings for people in a hurry: /time, /days, /tz, /lang, /questions, /pause."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot import accounts, screens
from bot.handlers.common import current_user, say
from bot.parsing import (
    ParseError,
    parse_days,
    parse_language,
    parse_pause_days,
    parse_question_count,
    parse_time,
    parse_timezone,
)
from bot.services import SherpaContext
from storage import User

# command -> (parser, the User field it sets, how a value is shown)
_SHORTCUTS: dict[str, tuple[Callable[[str], Any], str]] = {
    "time": (parse_time, "checkin_time"),
    "days": (parse_days, "days"),
    "tz": (lambda text: parse_timezone(text).key, "timezone"),
    "lang": (parse_language, "language"),
    "questions": (parse_question_count, "questions_per_checkin"),
}


def shortcut(command: str) -> Callable[[Update, SherpaContext], Awaitable[None]]:
    """A handler for `/<command> <value>` that parses, saves and confirms."""
    parser, field = _SHORTCUTS[command]

    async def handle(update: Update, context: SherpaContext) -> None:
        """Parse the argument; a bad value changes nothing and shows an example."""
        user, _ = await current_user(update, context)
        argument = " ".join(context.args or [])
        if not argument.strip():
            await say(update, context, user, f"errors.{command}")
            return
        try:
            value = parser(argument)
        except ParseError as error:
            await say(update, context, user, f"errors.{error.key}")
            return
        user = await accounts.change(context.services, user, **{field: value})
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
