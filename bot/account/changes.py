"""The settings commands an onboarding or settings button carries, typed.

A button's callback data ("s:<field>:<value>", unchanged on the wire so old buttons keep
working) is parsed once, here, into one of these; bot.account.flow.apply carries it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from bot.account.parsing import MAX_PAUSE_DAYS, ParseError, parse_time, parse_timezone
from bot.core.texts import LANGUAGES
from storage.retention import RETENTION_CHOICES

# The screens a button can open (and the ones a change returns to).
SCREENS = ("main", "lang", "days", "time", "tz", "q", "pause", "week", "keep", "close")
_KEEP_VALUES = frozenset({"0", *(str(months) for months in RETENTION_CHOICES)})  # 0: forever


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class ToggleDay:
    """Add or remove one weekday (0 = Monday) of the check-ins."""

    day: int


@dataclass(frozen=True)
class DaysDone:
    """The "done" button under the weekdays: onboarding moves on."""


@dataclass(frozen=True)
class SetTime:
    at: time


@dataclass(frozen=True)
class SetTimezone:
    zone: str  # a canonical IANA key


@dataclass(frozen=True)
class SetQuestions:
    count: int


@dataclass(frozen=True)
class PauseFor:
    days: int | None  # None: until resumed


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class SetWeekDay:
    """The verrekijker's weekday."""

    day: int


@dataclass(frozen=True)
class SetWeekTime:
    """The verrekijker's time of day."""

    at: time


@dataclass(frozen=True)
class SetNudges:
    on: bool


@dataclass(frozen=True)
class SetRetention:
    months: int | None  # None: kept until the user erases them


@dataclass(frozen=True)
class OpenScreen:
    screen: str  # one of SCREENS


@dataclass(frozen=True)
class StaleSetting:
    """A settings button whose value no screen offers (old or forged): nothing changes."""


SettingChange = (
    SetLanguage
    | ToggleDay
    | DaysDone
    | SetTime
    | SetTimezone
    | SetQuestions
    | PauseFor
    | Resume
    | SetWeekDay
    | SetWeekTime
    | SetNudges
    | SetRetention
    | OpenScreen
    | StaleSetting
)
# The wire names of the fields (what "s:<field>:" may say).
SETTING_FIELDS = frozenset(
    {"lang", "day", "days", "time", "tz", "q", "menu", "pause", "wday", "wtime", "nudges", "keep"}
)
_SETTING = re.compile(r"^s:([a-z]{1,8}):([A-Za-z0-9_/+:\-]{0,50})$")


def encode_setting(change: SettingChange) -> str:
    """The callback data of a settings command."""
    match change:
        case SetLanguage(language):
            field, value = "lang", language
        case ToggleDay(day):
            field, value = "day", str(day)
        case DaysDone():
            field, value = "days", "ok"
        case SetTime(at):
            field, value = "time", f"{at:%H:%M}"
        case SetTimezone(zone):
            field, value = "tz", zone
        case SetQuestions(count):
            field, value = "q", str(count)
        case PauseFor(days):
            field, value = "pause", "open" if days is None else str(days)
        case Resume():
            field, value = "pause", "off"
        case SetWeekDay(day):
            field, value = "wday", str(day)
        case SetWeekTime(at):
            field, value = "wtime", f"{at:%H:%M}"
        case SetNudges(on):
            field, value = "nudges", "on" if on else "off"
        case SetRetention(months):
            field, value = "keep", str(months or 0)
        case OpenScreen(screen):
            field, value = "menu", screen
        case StaleSetting():
            raise ValueError("a stale setting has no button")
    return f"s:{field}:{value}"


def decode_setting(data: str) -> SettingChange | None:
    """The settings command of callback data; None when it is no settings button at all."""
    match = _SETTING.match(data)
    if match is None or match.group(1) not in SETTING_FIELDS:
        return None
    try:
        return _parse(match.group(1), match.group(2)) or StaleSetting()
    except ParseError:
        return StaleSetting()


def _weekday(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) < 7 else None


def _parse(field: str, value: str) -> SettingChange | None:
    """One field's value as a command; None (or ParseError) when no button says that."""
    match field:
        case "lang" if value in LANGUAGES:
            return SetLanguage(value)
        case "day" if (day := _weekday(value)) is not None:
            return ToggleDay(day)
        case "days" if value == "ok":
            return DaysDone()
        case "time":
            return SetTime(parse_time(value))
        case "tz":
            return SetTimezone(parse_timezone(value).key)
        case "q" if value in {"1", "2", "3"}:
            return SetQuestions(int(value))
        case "pause" if value == "off":
            return Resume()
        case "pause" if value == "open":
            return PauseFor(None)
        case "pause" if value.isdigit() and 1 <= int(value) <= MAX_PAUSE_DAYS:
            return PauseFor(int(value))
        case "wday" if (day := _weekday(value)) is not None:
            return SetWeekDay(day)
        case "wtime":
            return SetWeekTime(parse_time(value))
        case "keep" if value in _KEEP_VALUES:
            return SetRetention(int(value) or None)
        case "nudges" if value in {"on", "off"}:
            return SetNudges(value == "on")
        case "menu":
            # Any other screen name falls back to the settings overview, as it always did.
            return OpenScreen(value if value in SCREENS else "main")
    return None
