"""The teams' buttons: joining from an offer, and the team actions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.callbacks import Buttons


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
_JOIN = re.compile(r"j:([A-Za-z0-9_-]{8,43})")
_ACTION = re.compile(r"([a-z]{2}):(\d{1,15})(?::(\d{1,15}))?")


def _team(match: re.Match[str]) -> TeamJoin | TeamAction | None:
    """A join (j:<code>), or one of the TEAM_ACTIONS; the number after the team is optional."""
    rest = match.group(0)
    if join := _JOIN.fullmatch(rest):
        return TeamJoin(join.group(1))
    action = _ACTION.fullmatch(rest)
    if action is None or action.group(1) not in TEAM_ACTIONS:
        return None
    arg = action.group(3)
    return TeamAction(action.group(1), int(action.group(2)), None if arg is None else int(arg))


def _write(payload: TeamJoin | TeamAction) -> str:
    if isinstance(payload, TeamJoin):
        return f"j:{payload.code}"
    arg = "" if payload.arg is None else f":{payload.arg}"
    return f"{payload.action}:{payload.team_id}{arg}"


TEAM = Buttons[TeamJoin | TeamAction](
    prefix="t",
    payloads=(TeamJoin, TeamAction),
    rest=re.compile(r"[A-Za-z0-9_:-]{1,60}"),
    build=_team,
    write=_write,
)
