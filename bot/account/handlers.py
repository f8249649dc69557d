"""/start, /settings and the buttons of the onboarding and settings screens."""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.account import flow as accounts
from bot.account import views as screens
from bot.account.parsing import ParseError, parse_time, parse_timezone
from bot.account.views import ONBOARDING_STEPS, Screen
from bot.core.callbacks import SettingChoice, decode
from bot.core.replies import acknowledge, current_user, say
from bot.core.services import Services, SherpaContext
from bot.teams import handlers as teams
from bot.teams.codes import code_from_start
from storage import User


async def start(update: Update, context: SherpaContext) -> None:
    """Welcome a newcomer into onboarding; show a returning user their settings."""
    user, _ = await current_user(update, context)
    texts = context.services.texts
    if (code := code_from_start(context.args)) is not None:
        # A team invitation (/start team_<code>): the join offer; a newcomer then sets up.
        await teams.offer_join(update, context, user, code)
        if user.onboarded:
            return
    if user.onboarded:
        await _send(context, user, screens.settings_menu(texts, user))
        return
    user = await accounts.change(context.services, user, onboarding_step=ONBOARDING_STEPS[0])
    await _send(context, user, screens.language_screen(texts, user, welcome=True))


async def settings(update: Update, context: SherpaContext) -> None:
    """/settings: the settings overview with buttons."""
    user, _ = await current_user(update, context)
    await _send(context, user, screens.settings_menu(context.services.texts, user))


async def choice(update: Update, context: SherpaContext) -> None:
    """A tap on an onboarding or settings button."""
    query = update.callback_query
    assert query is not None
    payload = decode(query.data)
    if not isinstance(payload, SettingChoice):
        await acknowledge(query)
        return
    user, _ = await current_user(update, context)
    services = context.services
    was_onboarding = not user.onboarded
    screen, note = await _apply(services, user, payload)
    await acknowledge(query, services.texts.text(user.language, note) if note else None)
    user = await _reload(services, user)
    if was_onboarding and user.onboarded:
        await _edit(query, Screen(screens.settings_summary(services.texts, user)))
        await say(update, context, user, "setup.privacy")
        return
    await _edit(query, screen or _after_change(services, user))


async def typed_setup_value(update: Update, context: SherpaContext, user: User, text: str) -> bool:
    """During onboarding, a typed time or timezone; True when the text was used."""
    services = context.services
    step = user.onboarding_step
    try:
        if step == "time":
            user = await accounts.change(services, user, checkin_time=parse_time(text))
        elif step == "timezone":
            user = await accounts.change(services, user, timezone=parse_timezone(text).key)
        else:
            return False
    except ParseError as error:
        await say(update, context, user, f"errors.{error.key}")
        return True
    user = await _next_onboarding_step(services, user)
    if user.onboarded:
        await _send(context, user, Screen(screens.settings_summary(services.texts, user)))
        await say(update, context, user, "setup.privacy")
    else:
        await _send(context, user, _after_change(services, user))
    return True


async def _apply(
    services: Services, user: User, payload: SettingChoice
) -> tuple[Screen | None, str | None]:
    """Carry out one tap; returns a screen to show instead of the default, and a toast key."""
    texts, field, value = services.texts, payload.field, payload.value
    try:
        if field == "lang" and value in screens.LANGUAGE_NAMES:
            user = await accounts.change(services, user, language=value)
        elif field == "day" and value.isdigit() and int(value) < 7:
            days = user.days ^ {int(value)}
            if not days:
                return screens.days_screen(texts, user), "errors.no_days"
            await accounts.change(services, user, days=days)
            return screens.days_screen(texts, await _reload(services, user)), None
        elif field == "days" and value == "ok":
            pass
        elif field == "time":
            user = await accounts.change(services, user, checkin_time=parse_time(value))
        elif field == "tz":
            user = await accounts.change(services, user, timezone=parse_timezone(value).key)
        elif field == "q" and value in {"1", "2", "3"}:
            await accounts.change(services, user, questions_per_checkin=int(value))
            return None, "settings.saved"
        elif field == "pause":
            await _pause_choice(services, user, value)
            return None, "settings.saved"
        elif field == "wday" and value.isdigit() and int(value) < 7:
            user = await accounts.change(services, user, verrekijker_day=int(value))
            return screens.verrekijker_screen(texts, user), "settings.saved"
        elif field == "wtime":
            user = await accounts.change(services, user, verrekijker_time=parse_time(value))
            return screens.verrekijker_screen(texts, user), "settings.saved"
        elif field == "keep" and value in {"0", "3", "6", "12"}:
            months = int(value) or None
            user = await accounts.change(services, user, retention_months=months)
            return screens.retention_screen(texts, user), "settings.saved"
        elif field == "nudges" and value in {"on", "off"}:
            user = await accounts.change(services, user, nudges=value == "on")
            return screens.verrekijker_screen(texts, user), "settings.saved"
        elif field == "menu":
            return _menu_screen(services, user, value), None
        else:
            return None, "errors.expired"
    except ParseError:
        return None, "errors.expired"
    if user.onboarding_step == _STEP_OF.get(field):
        await _next_onboarding_step(services, user)
        return None, None
    return None, "settings.saved"


_STEP_OF = {"lang": "language", "days": "days", "time": "time", "tz": "timezone"}


async def _next_onboarding_step(services: Services, user: User) -> User:
    """Move onboarding one step on; after the last, the schedule starts."""
    if user.onboarding_step not in ONBOARDING_STEPS:
        return user
    position = ONBOARDING_STEPS.index(user.onboarding_step) + 1
    following = ONBOARDING_STEPS[position] if position < len(ONBOARDING_STEPS) else None
    return await accounts.change(services, user, onboarding_step=following)


async def _pause_choice(services: Services, user: User, value: str) -> None:
    if value == "off":
        await accounts.resume(services, user)
    elif value == "open":
        await accounts.pause(services, user, None)
    elif value.isdigit() and 1 <= int(value) <= 365:
        await accounts.pause(services, user, int(value))


def _menu_screen(services: Services, user: User, target: str) -> Screen:
    texts = services.texts
    match target:
        case "lang":
            return screens.language_screen(texts, user, welcome=False)
        case "days":
            return screens.days_screen(texts, user)
        case "time":
            return screens.time_screen(texts, user)
        case "tz":
            return screens.timezone_screen(texts, user, services.settings.default_timezone)
        case "q":
            return screens.questions_screen(texts, user)
        case "pause":
            return screens.pause_screen(texts, user)
        case "week":
            return screens.verrekijker_screen(texts, user)
        case "keep":
            return screens.retention_screen(texts, user)
        case "close":
            return Screen(screens.settings_summary(texts, user))
        case _:
            return screens.settings_menu(texts, user)


def _after_change(services: Services, user: User) -> Screen:
    """The screen that follows a change: the next onboarding step, or the settings menu."""
    texts = services.texts
    match user.onboarding_step:
        case "language":
            return screens.language_screen(texts, user, welcome=True)
        case "days":
            return screens.days_screen(texts, user)
        case "time":
            return screens.time_screen(texts, user)
        case "timezone":
            return screens.timezone_screen(texts, user, services.settings.default_timezone)
    return screens.settings_menu(texts, user)


async def _reload(services: Services, user: User) -> User:
    return await services.storage.users.get(user.user_id) or user


async def _send(context: SherpaContext, user: User, screen: Screen) -> None:
    await context.bot.send_message(
        user.chat_id, screen.text, parse_mode=ParseMode.HTML, reply_markup=screen.keyboard
    )


async def _edit(query: CallbackQuery, screen: Screen) -> None:
    try:
        await query.edit_message_text(
            screen.text, parse_mode=ParseMode.HTML, reply_markup=screen.keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise
