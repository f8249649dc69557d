"""The settings commands an onboarding or settings button carries, typed.

A button's callback data ("s:<field>:<value>", unchanged on the wire so old buttons keep
working) is parsed once, here, into one of these; bot.account.service.apply carries it out.
Each command's `wire()` is its (field, value) in that data; `_PARSERS` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import get_args

from bot.account.parsing import MAX_PAUSE_DAYS, ParseError, parse_time, parse_timezone
from bot.core.callbacks import Buttons
from storage.models import LANGUAGES, RETENTION_CHOICES

# The screens a button can open (and the ones a change returns to).
SCREENS = ("main", "lang", "days", "time", "tz", "q", "pause", "week", "keep", "close")
_KEEP_VALUES = frozenset({"0", *(str(months) for months in RETENTION_CHOICES)})  # 0: forever


@dataclass(frozen=True)
class SetLanguage:
    language: str

    def wire(self) -> tuple[str, str]:
        return "lang", self.language


@dataclass(frozen=True)
class ToggleDay:
    """Add or remove one weekday (0 = Monday) of the check-ins."""

    day: int

    def wire(self) -> tuple[str, str]:
        return "day", str(self.day)


@dataclass(frozen=True)
class DaysDone:
    """The "done" button under the weekdays: onboarding moves on."""

    def wire(self) -> tuple[str, str]:
        return "days", "ok"


@dataclass(frozen=True)
class SetTime:
    at: time

    def wire(self) -> tuple[str, str]:
        return "time", f"{self.at:%H:%M}"


@dataclass(frozen=True)
class SetTimezone:
    zone: str  # a canonical IANA key

    def wire(self) -> tuple[str, str]:
        return "tz", self.zone


@dataclass(frozen=True)
class SetQuestions:
    count: int

    def wire(self) -> tuple[str, str]:
        return "q", str(self.count)


@dataclass(frozen=True)
class PauseFor:
    days: int | None  # None: until resumed

    def wire(self) -> tuple[str, str]:
        return "pause", "open" if self.days is None else str(self.days)


@dataclass(frozen=True)
class Resume:
    def wire(self) -> tuple[str, str]:
        return "pause", "off"


@dataclass(frozen=True)
class SetWeekDay:
    """The verrekijker's weekday."""

    day: int

    def wire(self) -> tuple[str, str]:
        return "wday", str(self.day)


@dataclass(frozen=True)
class SetWeekTime:
    """The verrekijker's time of day."""

    at: time

    def wire(self) -> tuple[str, str]:
        return "wtime", f"{self.at:%H:%M}"


@dataclass(frozen=True)
class SetNudges:
    on: bool

    def wire(self) -> tuple[str, str]:
        return "nudges", "on" if self.on else "off"


@dataclass(frozen=True)
class SetLookBacks:
    on: bool

    def wire(self) -> tuple[str, str]:
        return "lb", "on" if self.on else "off"


@dataclass(frozen=True)
class SetRetention:
    months: int | None  # None: kept until the user erases them

    def wire(self) -> tuple[str, str]:
        return "keep", str(self.months or 0)


@dataclass(frozen=True)
class OpenScreen:
    screen: str  # one of SCREENS

    def wire(self) -> tuple[str, str]:
        return "menu", self.screen


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
    | SetLookBacks
    | SetRetention
    | OpenScreen
    | StaleSetting
)
# The wire names of the fields (what "s:<field>:" may say).
SETTING_FIELDS = frozenset(
    {"lang", "day", "days", "time", "tz", "q", "menu", "pause", "wday", "wtime", "nudges", "keep"}
    | {"lb"}
)


def _setting(match: re.Match[str]) -> SettingChange | None:
    """The command of a settings button; a stale one when the field is known but the value
    is no longer one a button offers; None when it is no settings button at all."""
    if match.group(1) not in SETTING_FIELDS:
        return None
    try:
        return _parse(match.group(1), match.group(2)) or StaleSetting()
    except ParseError:
        return StaleSetting()


def _wire(change: SettingChange) -> str:
    if isinstance(change, StaleSetting):
        raise ValueError("a stale setting has no button")
    return ":".join(change.wire())


SETTINGS = Buttons[SettingChange](
    prefix="s",
    payloads=tuple(kind for kind in get_args(SettingChange) if kind is not StaleSetting),
    rest=re.compile(r"([a-z]{1,8}):([A-Za-z0-9_/+:\-]{0,50})"),
    build=_setting,
    write=_wire,
)
encode_setting = SETTINGS.encode
decode_setting = SETTINGS.decode


def _parse(field: str, value: str) -> SettingChange | None:
    """One field's value as a command; None (or ParseError) when no button says that."""
    parse = _PARSERS.get(field)
    return None if parse is None else parse(value)


def _weekday(value: str) -> int | None:
    return int(value) if value.isdigit() and int(value) < 7 else None


# One reader per wire field: the value as a command, None (or ParseError) when no button
# says that.


def _language(value: str) -> SetLanguage | None:
    """A language the catalog has."""
    return SetLanguage(value) if value in LANGUAGES else None


def _toggle_day(value: str) -> ToggleDay | None:
    """A weekday number, 0 (Monday) to 6."""
    day = _weekday(value)
    return None if day is None else ToggleDay(day)


def _days_done(value: str) -> DaysDone | None:
    """Only "ok"."""
    return DaysDone() if value == "ok" else None


def _time(value: str) -> SetTime:
    """A time of day, HH:MM."""
    return SetTime(parse_time(value))


def _timezone(value: str) -> SetTimezone:
    """An IANA time zone, kept by its canonical key."""
    return SetTimezone(parse_timezone(value).key)


def _questions(value: str) -> SetQuestions | None:
    """One, two or three questions per check-in."""
    return SetQuestions(int(value)) if value in {"1", "2", "3"} else None


def _pause(value: str) -> PauseFor | Resume | None:
    """Resume on "off", pause until resumed on "open", or pause a number of days."""
    if value == "off":
        return Resume()
    if value == "open":
        return PauseFor(None)
    if value.isdigit() and 1 <= int(value) <= MAX_PAUSE_DAYS:
        return PauseFor(int(value))
    return None


def _week_day(value: str) -> SetWeekDay | None:
    """The verrekijker's weekday number, 0 (Monday) to 6."""
    day = _weekday(value)
    return None if day is None else SetWeekDay(day)


def _week_time(value: str) -> SetWeekTime:
    """The verrekijker's time of day, HH:MM."""
    return SetWeekTime(parse_time(value))


def _retention(value: str) -> SetRetention | None:
    """Months a screen offers, or 0 for "until I erase them"."""
    return SetRetention(int(value) or None) if value in _KEEP_VALUES else None


def _nudges(value: str) -> SetNudges | None:
    """Nudges on or off."""
    return SetNudges(value == "on") if value in {"on", "off"} else None


def _look_backs(value: str) -> SetLookBacks | None:
    """Look-backs on or off."""
    return SetLookBacks(value == "on") if value in {"on", "off"} else None


def _screen(value: str) -> OpenScreen:
    """Any other screen name falls back to the settings overview, as it always did."""
    return OpenScreen(value if value in SCREENS else "main")


_PARSERS: dict[str, Callable[[str], SettingChange | None]] = {
    "lang": _language,
    "day": _toggle_day,
    "days": _days_done,
    "time": _time,
    "tz": _timezone,
    "q": _questions,
    "pause": _pause,
    "wday": _week_day,
    "wtime": _week_time,
    "keep": _retention,
    "nudges": _nudges,
    "lb": _look_backs,
    "menu": _screen,
}
