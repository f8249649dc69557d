"""Handlers stay thin: they read the update and call one dialog function of their feature.

No handler reaches storage or sends through the bot itself; dialogs reply through the one
outlet in bot/core/replies.py, so every message goes out the same way. (Which modules may
import telegram at all: tests/unit/test_shape.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = sorted(
    [
        *ROOT.glob("bot/*/handlers.py"),
        ROOT / "bot/handlers/fallbacks.py",
    ]
)
# What only dialogs (through the outlet) may do.
SENDING = frozenset(
    {
        "send_message",
        "send_photo",
        "send_document",
        "send_chat_action",
        "edit_message_text",
        "edit_message_reply_markup",
        "set_reaction",
    }
)


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (node.attr == "storage" or node.attr in SENDING):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses .{node.attr}")
    return found


@pytest.mark.parametrize("path", HANDLERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_handlers_neither_touch_storage_nor_send_themselves(path: Path):
    assert _offences(path) == []


def test_every_feature_has_its_handlers_checked():
    assert len(HANDLERS) >= 7  # account, checkin, verrekijker, teams, data_rights, …


def test_every_message_goes_out_through_the_one_outlet():
    # Sends and edits of sent messages are written once, in bot/core/replies.py.
    outlet = ROOT / "bot/core/replies.py"
    offences = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if path == outlet:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in SENDING - {"set_reaction"}:
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert offences == []


DIALOGS = sorted([*ROOT.glob("bot/*/dialog.py"), *ROOT.glob("bot/*/dialog/*.py")])


@pytest.mark.parametrize("path", DIALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_dialogs_leave_storage_to_their_service(path: Path):
    # A dialog talks; what is read and stored is its service's.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offences = [
        n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "storage"
    ]
    assert offences == [], f"{path.relative_to(ROOT)} uses .storage on lines {offences}"
