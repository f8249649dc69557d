"""Typed, prefixed callback data for inline buttons, checked on the way in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

MAX_BYTES = 64  # Telegram's limit for callback_data


@dataclass(frozen=True)
class ScaleAnswer:
    """A tap on 1–5 of a scale step."""

    step_id: int
    score: int


@dataclass(frozen=True)
class SkipStep:
    """A tap on the skip button of a step."""

    step_id: int


@dataclass(frozen=True)
class VerrekijkerView:
    """A tap on the verrekijker's buttons: which view ("week", "weeks", "all") of which week."""

    view: str
    week: date


@dataclass(frozen=True)
class Confirm:
    """A yes/no tap on a question that needs confirmation, e.g. erasing all data."""

    action: str
    yes: bool


@dataclass(frozen=True)
class GuardChoice:
    """How to store an answer the privacy guard held back: "mask", "keep" or "rewrite"."""

    choice: str
    message_id: int


GUARD_CHOICES = ("mask", "keep", "rewrite")


@dataclass(frozen=True)
class CareChoice:
    """After heavy words: stop the check-in here ("stop") or go on ("go")."""

    choice: str
    checkin_id: int


CARE_CHOICES = ("stop", "go")


@dataclass(frozen=True)
class TeamJoin:
    """A tap on "join" under a team's join offer; the code is checked again on the tap."""

    code: str


@dataclass(frozen=True)
class TeamAction:
    """A tap on a team button: an action (see TEAM_ACTIONS), a team, maybe a number."""

    action: str
    team_id: int
    arg: int | None = None


# no = cancel, lv = leave, gl = goal, cd = new code, rm/ru = remove (pick team/member),
# ha/hu = hand over admin (pick team/member), rn = rename, lk = link a group.
TEAM_ACTIONS = frozenset({"no", "lv", "gl", "cd", "rm", "ru", "ha", "hu", "rn", "lk"})
Payload = (
    ScaleAnswer
    | SkipStep
    | VerrekijkerView
    | Confirm
    | GuardChoice
    | CareChoice
    | TeamJoin
    | TeamAction
)
CONFIRM_ACTIONS = frozenset({"delete"})
VIEWS = {"week": "w", "weeks": "o", "all": "a"}
_VIEW_NAMES = {code: name for name, code in VIEWS.items()}
_SCALE = re.compile(r"^a:(\d{1,12}):([1-5])$")
_SKIP = re.compile(r"^k:(\d{1,12})$")
_VIEW = re.compile(r"^v:([woa]):(\d{8})$")
_CONFIRM = re.compile(r"^c:([a-z]{1,12}):([yn])$")
_GUARD = re.compile(r"^g:([mkr]):(\d{1,12})$")
_CARE = re.compile(r"^z:([sg]):(\d{1,15})$")
_TEAM_JOIN = re.compile(r"^t:j:([A-Za-z0-9_-]{8,43})$")
_TEAM = re.compile(r"^t:([a-z]{2}):(\d{1,15})(?::(\d{1,15}))?$")


def encode(payload: Payload) -> str:
    """The callback_data string of a payload."""
    match payload:
        case ScaleAnswer(step_id, score):
            data = f"a:{step_id}:{score}"
        case SkipStep(step_id):
            data = f"k:{step_id}"
        case VerrekijkerView(view, week):
            data = f"v:{VIEWS[view]}:{week:%Y%m%d}"
        case Confirm(action, yes):
            data = f"c:{action}:{'y' if yes else 'n'}"
        case GuardChoice(choice, message_id):
            data = f"g:{choice[0]}:{message_id}"
        case CareChoice(choice, checkin_id):
            data = f"z:{choice[0]}:{checkin_id}"
        case TeamJoin(code):
            data = f"t:j:{code}"
        case TeamAction(action, team_id, arg):
            data = f"t:{action}:{team_id}" + ("" if arg is None else f":{arg}")
        case _:
            raise TypeError(f"no callback data for {type(payload).__name__}")
    if len(data.encode()) > MAX_BYTES:
        raise ValueError("callback data over 64 bytes")
    return data


def decode(data: str | None) -> Payload | None:
    """The payload of a callback_data string, or None when it is malformed or forged."""
    if not data:
        return None
    # The settings buttons ("s:") are the account feature's own (bot/account/changes.py).
    # The prefixes never overlap, so at most one pattern matches and the order is free.
    for pattern, build in _READERS:
        if (match := pattern.match(data)) and (payload := build(match)) is not None:
            return payload
    return None


# One builder per pattern: the payload of a matching callback_data, or None when a value
# the pattern lets through is still not one a button carries.


def _scale_answer(match: re.Match[str]) -> ScaleAnswer:
    return ScaleAnswer(int(match.group(1)), int(match.group(2)))


def _skip_step(match: re.Match[str]) -> SkipStep:
    return SkipStep(int(match.group(1)))


def _confirm(match: re.Match[str]) -> Confirm | None:
    """Only actions that ask for confirmation."""
    if match.group(1) not in CONFIRM_ACTIONS:
        return None
    return Confirm(match.group(1), match.group(2) == "y")


def _guard_choice(match: re.Match[str]) -> GuardChoice:
    """The choice is written by its first letter."""
    choice = {c[0]: c for c in GUARD_CHOICES}[match.group(1)]
    return GuardChoice(choice, int(match.group(2)))


def _care_choice(match: re.Match[str]) -> CareChoice:
    """The choice is written by its first letter."""
    care = {c[0]: c for c in CARE_CHOICES}[match.group(1)]
    return CareChoice(care, int(match.group(2)))


def _team_join(match: re.Match[str]) -> TeamJoin:
    return TeamJoin(match.group(1))


def _team_action(match: re.Match[str]) -> TeamAction | None:
    """Only the TEAM_ACTIONS; the number after the team is optional."""
    if match.group(1) not in TEAM_ACTIONS:
        return None
    arg = match.group(3)
    return TeamAction(match.group(1), int(match.group(2)), None if arg is None else int(arg))


def _verrekijker_view(match: re.Match[str]) -> VerrekijkerView | None:
    """Only a real calendar date: "20250231" has the shape but is no day."""
    try:
        week = datetime.strptime(match.group(2), "%Y%m%d").date()
    except ValueError:
        return None
    return VerrekijkerView(_VIEW_NAMES[match.group(1)], week)


_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Payload | None]], ...] = (
    (_SCALE, _scale_answer),
    (_SKIP, _skip_step),
    (_CONFIRM, _confirm),
    (_GUARD, _guard_choice),
    (_CARE, _care_choice),
    (_TEAM_JOIN, _team_join),
    (_TEAM, _team_action),
    (_VIEW, _verrekijker_view),
)
