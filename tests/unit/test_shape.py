"""One shape per feature, checked over the import graph (grimp: what `lint-imports` reads).

- Only a feature's handlers, dialog (or its dialog/ package), views and callbacks import
  telegram: its service decides and stores, its other modules are pure or plain.
- Features meet only through each other's public face: the package itself (what its
  __init__ re-exports), its service (decisions and records), its dialog (where one feature's
  talk hands over to another's), its views and callbacks (where one shows another's words
  or buttons). Never another feature's handlers, kinds or pure modules.
"""

from __future__ import annotations

import grimp
import pytest

# The features of the one shape (README, "One shape per feature").
FEATURES = ("account", "care", "checkin", "data_rights", "supervision", "teams", "verrekijker")
# The rooms of a feature that may talk to Telegram.
TALKING = frozenset({"handlers", "dialog", "views", "callbacks"})
# Everything in bot/ that is a feature to the others: the seven, the Mini App, the guard,
# and what no feature owns (bot/handlers/).
PARTIES = (*FEATURES, "webapp", "privacy_guard", "handlers")
# A feature's public face: "" is the package itself.
PUBLIC = frozenset({"", "service", "dialog", "views", "callbacks"})


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("bot", include_external_packages=True)


def _room(module: str) -> str:
    """bot.checkin.dialog.steps -> "dialog"; bot.checkin -> ""."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else ""


def _party(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "bot" and parts[1] in PARTIES else None


def _public(module: str) -> bool:
    """The package itself, or one of its public rooms (a dialog/ package by its __init__)."""
    return len(module.split(".")) <= 3 and _room(module) in PUBLIC


def talking_offences(graph: grimp.ImportGraph) -> list[str]:
    found = []
    for feature in FEATURES:
        package = f"bot.{feature}"
        for module in sorted({package, *graph.find_descendants(package)}):
            imports = graph.find_modules_directly_imported_by(module)
            if _room(module) not in TALKING and "telegram" in imports:
                found.append(module)
    return found


def meeting_offences(graph: grimp.ImportGraph) -> list[str]:
    # grimp reads `from bot.privacy_guard import scan` as the submodule scan when one has that
    # name, though __init__ re-exports the function: such a name is reached as an attribute.
    found = []
    for importer in sorted(graph.modules):
        mine = _party(importer)
        if mine is None:
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            theirs = _party(imported)
            if theirs in (None, mine) or _public(imported):
                continue
            found.append(f"{importer} -> {imported}")
    return found


def test_only_handlers_dialog_views_and_callbacks_import_telegram(graph):
    assert talking_offences(graph) == []


def test_features_meet_only_through_each_others_public_face(graph):
    assert meeting_offences(graph) == []


def test_every_feature_is_found(graph):
    # Guards the checks above against a rename that would leave them checking nothing.
    for feature in FEATURES:
        assert graph.find_descendants(f"bot.{feature}"), feature
    assert "bot.checkin.dialog.steps" in graph.modules
