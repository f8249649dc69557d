"""The team buttons: join or not, pick a team, pick a member. Pure (builds keyboards only)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.texts import Catalog
from bot.teams.callbacks import TEAM, TeamAction, TeamJoin
from storage import Team, TeamMember

GROUP_TITLE_LIMIT = 40  # a button shows one short line


def _button(label: str, payload: TeamAction | TeamJoin) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(label, callback_data=TEAM.encode(payload))]


def cancel_row(texts: Catalog, lang: str) -> list[InlineKeyboardButton]:
    """The "never mind" button under every choice."""
    return _button(texts.text(lang, "teams.cancel_button"), TeamAction("no", 0))


def join_keyboard(texts: Catalog, lang: str, code: str) -> InlineKeyboardMarkup:
    """Join or not, under the join offer (the code goes along and is checked again)."""
    return InlineKeyboardMarkup(
        [
            _button(texts.text(lang, "teams.join_button"), TeamJoin(code)),
            _button(texts.text(lang, "teams.no_button"), TeamAction("no", 0)),
        ]
    )


def team_picker(
    texts: Catalog,
    lang: str,
    teams: Sequence[Team],
    action: str,
    arg: int | None = None,
    label_key: str | None = None,
) -> InlineKeyboardMarkup:
    """One button per team for an action; button labels are plain text, not HTML."""
    rows = []
    for team in teams:
        label = team.name
        if label_key is not None:
            label = texts.text(lang, label_key, name=team.name, goal=arg)
        rows.append(_button(label, TeamAction(action, team.id, arg)))
    return InlineKeyboardMarkup([*rows, cancel_row(texts, lang)])


def member_picker(
    texts: Catalog, lang: str, team: Team, members: Sequence[TeamMember], action: str
) -> InlineKeyboardMarkup:
    """One button per member (by first name, for the admin) for an action."""
    rows = [_button(m.display_name, TeamAction(action, team.id, m.user_id)) for m in members]
    return InlineKeyboardMarkup([*rows, cancel_row(texts, lang)])


def link_picker(
    texts: Catalog, lang: str, teams: Sequence[Team], request_id: int, title: str
) -> InlineKeyboardMarkup:
    """One button per team, each naming the group it links ("Team Noord → Koffiehoek")."""
    group = " ".join(title.split())[:GROUP_TITLE_LIMIT] or "?"
    rows = [
        _button(
            texts.text(lang, "teams.link_button", name=team.name, title=group),
            TeamAction("lk", team.id, request_id),
        )
        for team in teams
    ]
    return InlineKeyboardMarkup([*rows, cancel_row(texts, lang)])
