"""The onboarding and settings screens: one message, edited in place, with buttons."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.account.changes import (
    DaysDone,
    OpenScreen,
    PauseFor,
    Resume,
    SetLanguage,
    SetLookBacks,
    SetNudges,
    SetQuestions,
    SetRetention,
    SetTime,
    SetTimezone,
    SettingChange,
    SetWeekDay,
    SetWeekTime,
    ToggleDay,
    encode_setting,
)
from bot.account.parsing import format_days
from bot.core import formatting
from bot.core.replies import Screen
from bot.core.texts import Catalog
from storage import User
from storage.models import RETENTION_CHOICES

PRESET_TIMES = ("08:00", "12:30", "16:30", "17:30", "20:00")
PRESET_ZONES = ("Europe/Brussels", "Europe/Amsterdam")
PRESET_WEEK_TIMES = ("12:00", "16:00", "17:00", "18:00", "20:00")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
CHECK = "✓ "


def _button(label: str, change: SettingChange) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode_setting(change))


def _mark(label: str, chosen: bool) -> str:
    return CHECK + label if chosen else label


def language_screen(texts: Catalog, user: User, *, welcome: bool) -> Screen:
    """Pick Dutch or English (the current one is marked)."""
    lang = user.language
    text = texts.text(lang, "setup.language")
    if welcome:
        text = texts.text(lang, "setup.welcome") + "\n\n" + text
    row = [
        _button(_mark(name, code == lang), SetLanguage(code))
        for code, name in LANGUAGE_NAMES.items()
    ]
    return Screen(text, InlineKeyboardMarkup([row]))


def days_screen(texts: Catalog, user: User) -> Screen:
    """Toggle weekdays; 'done' moves on."""
    lang = user.language
    names = formatting.weekday_names(lang, short=True)
    toggles = [_button(_mark(names[d], d in user.days), ToggleDay(d)) for d in range(7)]
    done = _button(texts.text(lang, "setup.done_button"), DaysDone())
    text = texts.text(lang, "setup.days", days=format_days(user.days, lang))
    return Screen(text, InlineKeyboardMarkup([toggles[:4], toggles[4:], [done]]))


def time_screen(texts: Catalog, user: User) -> Screen:
    """Pick a preset time or type one."""
    current = user.checkin_time.strftime("%H:%M")
    presets = sorted({*PRESET_TIMES, current})
    buttons = [_button(_mark(t, t == current), SetTime(time.fromisoformat(t))) for t in presets]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    key = "setup.time" if not user.onboarded else "setup.time_settings"
    return Screen(texts.text(user.language, key, time=current), InlineKeyboardMarkup(rows))


def timezone_screen(texts: Catalog, user: User, default_zone: str) -> Screen:
    """Confirm the timezone or type another IANA name."""
    zones = list(dict.fromkeys([user.timezone, default_zone, *PRESET_ZONES]))
    rows = [[_button(_mark(z, z == user.timezone), SetTimezone(z))] for z in zones]
    key = "setup.timezone" if not user.onboarded else "setup.timezone_settings"
    return Screen(
        texts.text(user.language, key, timezone=user.timezone), InlineKeyboardMarkup(rows)
    )


def questions_screen(texts: Catalog, user: User) -> Screen:
    """How many micro-questions per check-in."""
    row = [
        _button(_mark(str(n), n == user.questions_per_checkin), SetQuestions(n)) for n in (1, 2, 3)
    ]
    return Screen(texts.text(user.language, "settings.questions"), InlineKeyboardMarkup([row]))


def pause_screen(texts: Catalog, user: User) -> Screen:
    """Pause for a while, or resume."""
    lang = user.language
    if user.paused:
        rows = [[_button(texts.text(lang, "settings.resume_button"), Resume())]]
    else:
        rows = [
            [_button(texts.count(lang, "settings.pause_days", n), PauseFor(n))] for n in (1, 7, 14)
        ] + [[_button(texts.text(lang, "settings.pause_open"), PauseFor(None))]]
    rows.append([_button(texts.text(lang, "settings.back"), OpenScreen("main"))])
    return Screen(texts.text(lang, "settings.pause"), InlineKeyboardMarkup(rows))


def verrekijker_screen(texts: Catalog, user: User) -> Screen:
    """The weekly moment (day and time) and the midweek nudge switch."""
    lang = user.language
    names = formatting.weekday_names(lang, short=True)
    days = [_button(_mark(names[d], d == user.verrekijker_day), SetWeekDay(d)) for d in range(7)]
    current = user.verrekijker_time.strftime("%H:%M")
    times = [
        _button(_mark(t, t == current), SetWeekTime(time.fromisoformat(t)))
        for t in sorted({*PRESET_WEEK_TIMES, current})
    ]
    nudge_key = "settings.nudges_on" if user.nudges else "settings.nudges_off"
    look_key = "settings.look_backs_on" if user.look_backs else "settings.look_backs_off"
    rows = [
        days[:4],
        days[4:],
        times,
        [_button(texts.text(lang, nudge_key), SetNudges(not user.nudges))],
        [_button(texts.text(lang, look_key), SetLookBacks(not user.look_backs))],
        [_button(texts.text(lang, "settings.back"), OpenScreen("main"))],
    ]
    return Screen(texts.text(lang, "settings.verrekijker"), InlineKeyboardMarkup(rows))


def retention_screen(texts: Catalog, user: User) -> Screen:
    """How long answers are kept: forever, or 3, 6 or 12 months."""
    lang = user.language
    rows = [
        [
            _button(
                _mark(retention_label(texts, lang, months), months == user.retention_months),
                SetRetention(months),
            )
        ]
        for months in (None, *RETENTION_CHOICES)
    ]
    rows.append([_button(texts.text(lang, "settings.back"), OpenScreen("main"))])
    return Screen(texts.text(lang, "settings.retention"), InlineKeyboardMarkup(rows))


def retention_label(texts: Catalog, lang: str, months: int | None) -> str:
    """'altijd' or '6 maanden'."""
    if months is None:
        return texts.text(lang, "settings.keep_forever")
    return texts.text(lang, "settings.keep_months", months=months)


def settings_menu(texts: Catalog, user: User) -> Screen:
    """The overview of all settings with a button per setting."""
    lang = user.language
    text = texts.text(lang, "settings.title") + "\n\n" + settings_summary(texts, user)
    labels = [
        ("lang", "settings.language_button"),
        ("days", "settings.days_button"),
        ("time", "settings.time_button"),
        ("tz", "settings.timezone_button"),
        ("q", "settings.questions_button"),
        ("pause", "settings.pause_button"),
        ("week", "settings.verrekijker_button"),
        ("keep", "settings.retention_button"),
    ]
    buttons = [_button(texts.text(lang, key), OpenScreen(target)) for target, key in labels]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(texts.text(lang, "settings.close"), OpenScreen("close"))])
    return Screen(text, InlineKeyboardMarkup(rows))


def settings_summary(texts: Catalog, user: User) -> str:
    """The user's settings in a few lines, with the next check-in."""
    lang = user.language
    summary = texts.text(
        lang,
        "settings.summary",
        language=LANGUAGE_NAMES[lang],
        days=format_days(user.days, lang),
        time=user.checkin_time.strftime("%H:%M"),
        timezone=user.timezone,
        questions=user.questions_per_checkin,
        week_day=formatting.weekday_names(lang)[user.verrekijker_day],
        week_time=user.verrekijker_time.strftime("%H:%M"),
        nudges=texts.text(lang, "settings.on" if user.nudges else "settings.off"),
        look_backs=texts.text(lang, "settings.on" if user.look_backs else "settings.off"),
        retention=retention_label(texts, lang, user.retention_months),
    )
    return summary + "\n" + next_checkin_line(texts, user)


def next_checkin_line(texts: Catalog, user: User) -> str:
    """'Next signpost: Monday 1 December at 16:30', or why there is none."""
    lang = user.language
    if user.paused and user.paused_until is None:
        return texts.text(lang, "schedule.paused_open")
    if user.next_due_at is None:
        return texts.text(lang, "schedule.none")
    local = user.next_due_at.astimezone(ZoneInfo(user.timezone))
    line = texts.text(lang, "schedule.next", moment=format_moment(texts, lang, local))
    if user.paused and user.paused_until is not None:
        line = texts.text(lang, "schedule.paused_until") + "\n" + line
    return line


def format_moment(texts: Catalog, lang: str, local: datetime) -> str:
    """A local moment in words: 'maandag 1 december om 16:30'."""
    return texts.text(
        lang,
        "schedule.moment",
        date=formatting.day_words(lang, local.date(), weekday=True),
        time=time(local.hour, local.minute).strftime("%H:%M"),
    )
