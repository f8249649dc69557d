"""What onboarding and the settings say back: to /start, /settings, a tap, a typed value, a
one-line command. Each function carries out one request and sends its reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Bot, CallbackQuery

from bot.account import service, views
from bot.account.changes import SetTime, SetTimezone, SettingChange
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
from bot.account.service import ONBOARDING_STEPS, Accounts
from bot.core.replies import Screen, acknowledge, edit, say, show
from storage import User

# command -> parser from the typed argument to the User fields it sets
SHORTCUT_FIELDS: dict[str, Callable[[str], dict[str, Any]]] = {
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


async def start(accounts: Accounts, bot: Bot, user: User, *, invited: bool) -> None:
    """A newcomer begins onboarding; a returning user sees their settings (unless the
    /start only carried a team invitation, answered already)."""
    if user.onboarded:
        if not invited:
            await show(bot, user.chat_id, views.settings_menu(accounts.texts, user))
        return
    user = await service.change(accounts, user, onboarding_step=ONBOARDING_STEPS[0])
    await show(bot, user.chat_id, views.language_screen(accounts.texts, user, welcome=True))


async def settings(accounts: Accounts, bot: Bot, user: User) -> None:
    """The settings overview with buttons."""
    await show(bot, user.chat_id, views.settings_menu(accounts.texts, user))


async def tap(
    accounts: Accounts, bot: Bot, query: CallbackQuery, user: User, setting: SettingChange
) -> None:
    """A settings button: apply it, toast, and show what follows in the same message."""
    applied = await service.apply(accounts, user, setting)
    # The toast speaks the language the button was tapped in.
    note = accounts.texts.text(user.language, applied.note) if applied.note else None
    await acknowledge(query, note)
    if not user.onboarded and applied.user.onboarded:
        await edit(query, Screen(views.settings_summary(accounts.texts, applied.user)))
        await say(accounts.texts, bot, applied.user, "setup.privacy")
        return
    if applied.screen is not None:
        await edit(query, screen(accounts, applied.user, applied.screen))
    else:
        await edit(query, after_change(accounts, applied.user))


async def typed_value(accounts: Accounts, bot: Bot, user: User, text: str) -> bool:
    """During onboarding, a typed time or timezone; True when the text was used."""
    try:
        if user.onboarding_step == "time":
            setting: SettingChange = SetTime(parse_time(text))
        elif user.onboarding_step == "timezone":
            setting = SetTimezone(parse_timezone(text).key)
        else:
            return False
    except ParseError as error:
        await say(accounts.texts, bot, user, f"errors.{error.key}")
        return True
    user = (await service.apply(accounts, user, setting)).user
    if user.onboarded:
        await show(bot, user.chat_id, Screen(views.settings_summary(accounts.texts, user)))
        await say(accounts.texts, bot, user, "setup.privacy")
    else:
        await show(bot, user.chat_id, after_change(accounts, user))
    return True


async def shortcut(accounts: Accounts, bot: Bot, user: User, command: str, argument: str) -> None:
    """`/<command> <value>`: parse, save and confirm; a bad value changes nothing."""
    if not argument.strip():
        await say(accounts.texts, bot, user, f"errors.{command}")
        return
    try:
        fields = SHORTCUT_FIELDS[command](argument)
    except ParseError as error:
        await say(accounts.texts, bot, user, f"errors.{error.key}")
        return
    await _confirm(accounts, bot, await service.change(accounts, user, **fields))


async def pause(accounts: Accounts, bot: Bot, user: User, argument: str) -> None:
    """/pause [days]: no messages for a while, or until /resume."""
    try:
        days = parse_pause_days(argument)
    except ParseError as error:
        await say(accounts.texts, bot, user, f"errors.{error.key}")
        return
    await _confirm(accounts, bot, await service.pause(accounts, user, days))


async def resume(accounts: Accounts, bot: Bot, user: User) -> None:
    """/resume: end a pause."""
    await _confirm(accounts, bot, await service.resume(accounts, user))


async def _confirm(accounts: Accounts, bot: Bot, user: User) -> None:
    summary = views.settings_summary(accounts.texts, user)
    await say(accounts.texts, bot, user, "settings.confirm", summary=summary)


def screen(accounts: Accounts, user: User, name: str) -> Screen:
    """A settings screen by name (see changes.SCREENS); anything else is the overview."""
    texts = accounts.texts
    match name:
        case "lang":
            return views.language_screen(texts, user, welcome=False)
        case "days":
            return views.days_screen(texts, user)
        case "time":
            return views.time_screen(texts, user)
        case "tz":
            return views.timezone_screen(texts, user, accounts.default_timezone)
        case "q":
            return views.questions_screen(texts, user)
        case "pause":
            return views.pause_screen(texts, user)
        case "week":
            return views.verrekijker_screen(texts, user)
        case "keep":
            return views.retention_screen(texts, user)
        case "close":
            return Screen(views.settings_summary(texts, user))
        case _:
            return views.settings_menu(texts, user)


def after_change(accounts: Accounts, user: User) -> Screen:
    """The screen that follows a change: the next onboarding step, or the settings menu."""
    texts = accounts.texts
    match user.onboarding_step:
        case "language":
            return views.language_screen(texts, user, welcome=True)
        case "days":
            return views.days_screen(texts, user)
        case "time":
            return views.time_screen(texts, user)
        case "timezone":
            return views.timezone_screen(texts, user, accounts.default_timezone)
    return views.settings_menu(texts, user)
