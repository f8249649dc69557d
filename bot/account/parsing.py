"""Parsing of the one-line settings commands: pure functions that return values or raise."""

import re
from datetime import UTC, datetime, time
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from storage.models import LANGUAGES

__all__ = [
    "MAX_PAUSE_DAYS",
    "ParseError",
    "ParseKey",
    "format_days",
    "language_from_telegram",
    "parse_days",
    "parse_language",
    "parse_pause_days",
    "parse_question_count",
    "parse_time",
    "parse_timezone",
]

ParseKey = Literal["time", "days", "tz", "lang", "questions", "pause", "week", "switch"]


class ParseError(ValueError):
    """Invalid user input; `key` selects the localized help text, the message is for logs."""

    def __init__(self, key: ParseKey, message: str, value: str | None = None) -> None:
        """Store the field key and the offending fragment next to the English message."""
        super().__init__(message)
        self.key: ParseKey = key
        # The bad token, so the localized reply can quote it back to the user.
        self.value = value


# --- time -------------------------------------------------------------------------------------

# ASCII digits only: \d would also accept e.g. Arabic-Indic digits that int() happily converts.
_TIME_SEP = re.compile(r"([0-9]{1,2})\s*[:.uh]\s*([0-9]{2})", re.IGNORECASE)
_TIME_COMPACT = re.compile(r"([0-9]{1,2})([0-9]{2})")


def parse_time(text: str) -> time:
    """Parse a wall-clock time like "17:15", "7.05", "17u15", "17h15" or "1715"."""
    cleaned = text.strip()
    match = _TIME_SEP.fullmatch(cleaned) or _TIME_COMPACT.fullmatch(cleaned)
    if match is None:
        raise ParseError("time", f"not a time of day: {text!r}", text)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ParseError("time", f"time out of range: {text!r}", text)
    return time(hour, minute)


# --- days -------------------------------------------------------------------------------------

_DAY_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday", "ma", "maandag"),
            ("tue", "tuesday", "di", "dinsdag"),
            ("wed", "wednesday", "wo", "woensdag"),
            ("thu", "thursday", "do", "donderdag"),
            ("fri", "friday", "vr", "vrijdag"),
            ("sat", "saturday", "za", "zaterdag"),
            ("sun", "sunday", "zo", "zondag"),
        ]
    )
    for name in names
}

_KEYWORDS: dict[str, frozenset[int]] = {
    **dict.fromkeys(("all", "alle", "daily", "everyday", "dagelijks"), frozenset(range(7))),
    **dict.fromkeys(("weekdays", "workdays", "werkdagen", "weekdagen"), frozenset(range(5))),
    **dict.fromkeys(("weekend", "weekends"), frozenset({5, 6})),
}

# Multi-word forms are rewritten before splitting on whitespace: "elke dag" is a keyword and
# "ma t/m vr" / "mon to fri" (how people write ranges in prose) become "ma-vr" / "mon-fri".
_PHRASES = re.compile(r"\b(?:(?:elke|iedere)\s+dag|alle\s+dagen|every\s+day|all\s+days)\b")
_RANGE_WORDS = re.compile(r"\s+(?:t/m|tot\s+en\s+met|tot|to|through|thru|until|till)\s+")
_AND_WORDS = re.compile(r"\s+(?:en|and)\s+")
# Accept the en/em dash that format_days prints, with optional spaces around any dash.
_DASH = re.compile(r"\s*[-–—]\s*")
_SEPARATORS = re.compile(r"[\s,;/+&]+")


def _day(token: str, whole: str) -> int:
    """Look up one day name, naming the bad token on failure."""
    try:
        return _DAY_NAMES[token]
    except KeyError:
        raise ParseError("days", f"unknown day {token!r} in {whole!r}", token) from None


def parse_days(text: str) -> frozenset[int]:
    """Parse days like "ma-vr", "mon, wed, fri", "weekend" or "elke dag" into weekday numbers."""
    cleaned = _PHRASES.sub("all", f" {text.strip().lower()} ")
    # Range words first: "tot en met" contains the word "en".
    cleaned = _DASH.sub("-", _AND_WORDS.sub(",", _RANGE_WORDS.sub("-", cleaned)))
    tokens = [token for token in _SEPARATORS.split(cleaned) if token]
    if not tokens:
        raise ParseError("days", f"no days given in {text!r}", text)
    days: set[int] = set()
    for token in tokens:
        if token in _KEYWORDS:
            days |= _KEYWORDS[token]
        elif "-" in token:
            first, _, last = token.partition("-")
            start, end = _day(first, text), _day(last, text)
            # Ranges may wrap past Sunday ("vr-ma" = Fri, Sat, Sun, Mon): unambiguous and handy.
            days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
        else:
            days.add(_day(token, text))
    return frozenset(days)


_SHORT_DAYS = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}
_EVERY_DAY = {"nl": "alle dagen", "en": "every day"}
_NO_DAYS = {"nl": "geen dagen", "en": "no days"}


def format_days(days: frozenset[int], lang: str) -> str:
    """Render weekdays compactly: "ma–vr", "every day" or "ma, wo, vr" in week order."""
    if lang not in _SHORT_DAYS:
        raise ValueError(f"unsupported language {lang!r}")
    if not days <= frozenset(range(7)):
        raise ValueError(f"weekdays must be 0..6, got {sorted(days)}")
    if not days:
        return _NO_DAYS[lang]
    if len(days) == 7:
        return _EVERY_DAY[lang]
    names = _SHORT_DAYS[lang]
    # Split into runs of consecutive weekdays (Monday-first, no wrap so the order reads naturally).
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[day] for day in run)
    return ", ".join(parts)


# --- time zone --------------------------------------------------------------------------------

# Geographic areas only for bare-city lookup: legacy areas (US/, Canada/) duplicate cities, and
# Etc/GMT+1 means UTC-1 (POSIX sign), a trap for someone typing "GMT+1".
_CITY_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"}
    | {"Indian", "Pacific"}
)
# "localtime" mirrors the server's own zone and "Factory" is a placeholder, not user zones.
_NOT_USER_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def _zone_index() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Map lower-case full names and lower-case city suffixes to canonical zone keys."""
    # available_timezones() reads the system TZPATH and the tzdata package, whichever exists.
    names = sorted(available_timezones() - _NOT_USER_ZONES)
    by_name = {name.lower(): name for name in names}
    by_city: dict[str, list[str]] = {}
    for name in names:
        area, _, city = name.rpartition("/")
        if area.split("/")[0] in _CITY_AREAS:
            by_city.setdefault(city.lower(), []).append(name)
    return by_name, {city: tuple(keys) for city, keys in by_city.items()}


def _same_rules(keys: tuple[str, ...]) -> bool:
    """Tell whether zones behave identically 2000-2040 (aliases like Asia/Istanbul)."""
    # Every duplicate city in the geographic areas today is such a link; sampling twice a month
    # is enough to tell real zones apart and only runs for an ambiguous bare city name.
    zones = [ZoneInfo(key) for key in keys]
    for year in range(2000, 2041):
        for month in range(1, 13):
            for day in (1, 15):
                moment = datetime(year, month, day, 12, tzinfo=UTC)
                if len({moment.astimezone(zone).utcoffset() for zone in zones}) > 1:
                    return False
    return True


def parse_timezone(text: str) -> ZoneInfo:
    """Resolve an IANA zone name or a unique city ("Brussels") case-insensitively."""
    wanted = "_".join(text.strip().lower().split())  # "new york" -> "new_york"
    by_name, by_city = _zone_index()
    # Only keys from the index ever reach ZoneInfo, so "../etc/passwd" cannot name a file.
    key = by_name.get(wanted)
    if key is None:
        matches = by_city.get(wanted, ())
        if len(matches) > 1 and _same_rules(matches):
            matches = matches[:1]
        if len(matches) > 1:
            raise ParseError("tz", f"ambiguous time zone {text!r}: {', '.join(matches)}", text)
        if not matches:
            raise ParseError("tz", f"unknown time zone {text!r}", text)
        key = matches[0]
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as exc:  # listed but unreadable/corrupt file
        raise ParseError("tz", f"time zone {key!r} cannot be loaded", text) from exc


# --- language, counts, pause ------------------------------------------------------------------

_LANGUAGES = {
    **dict.fromkeys(("nl", "nederlands", "dutch", "vlaams", "flemish"), "nl"),
    **dict.fromkeys(("en", "english", "engels"), "en"),
}


def parse_language(text: str) -> str:
    """Parse a language name or code ("nl", "Nederlands", "english", ...) into "nl" or "en"."""
    try:
        return _LANGUAGES[text.strip().lower()]
    except KeyError:
        raise ParseError("lang", f"unsupported language {text!r}", text) from None


_QUESTIONS = re.compile(r"[0-9]+")


def parse_question_count(text: str) -> int:
    """Parse the number of questions per check-in, a whole number 1..3."""
    cleaned = text.strip()
    if not _QUESTIONS.fullmatch(cleaned) or not 1 <= int(cleaned) <= 3:
        raise ParseError("questions", f"question count must be 1, 2 or 3, got {text!r}", text)
    return int(cleaned)


_PAUSE = re.compile(r"([0-9]+)(?:\s*(?:d|dag|dagen|day|days))?", re.IGNORECASE)
MAX_PAUSE_DAYS = 365


def parse_pause_days(text: str) -> int | None:
    """Parse a pause length in days (1..365, "3 dagen" ok); empty means pause until /resume."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _PAUSE.fullmatch(cleaned)
    if match is None or not 1 <= int(match[1]) <= MAX_PAUSE_DAYS:
        raise ParseError("pause", f"pause must be 1..{MAX_PAUSE_DAYS} days, got {text!r}", text)
    return int(match[1])


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Map Telegram's IETF language_code ("nl-BE", "en") to "nl"/"en", else `default`."""
    if not language_code:
        return default
    primary = re.split(r"[-_]", language_code.strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else default


def parse_week_moment(text: str) -> tuple[int, time]:
    """Parse "vr 17:00" / "friday 17.00" into a weekday and a time (the verrekijker moment)."""
    parts = text.strip().rsplit(maxsplit=1)
    if len(parts) != 2:
        raise ParseError("week", f"expected a day and a time in {text!r}", text)
    try:
        days, moment = parse_days(parts[0]), parse_time(parts[1])
    except ParseError as error:
        raise ParseError("week", str(error), text) from None
    if len(days) != 1:
        raise ParseError("week", f"expected one day in {text!r}", text)
    return next(iter(days)), moment


def parse_switch(text: str) -> bool:
    """Parse on/off words ("aan", "uit", "on", "off") into a bool."""
    word = text.strip().lower()
    if word in {"on", "aan", "ja", "yes"}:
        return True
    if word in {"off", "uit", "nee", "no"}:
        return False
    raise ParseError("switch", f"expected on or off, got {text!r}", text)
