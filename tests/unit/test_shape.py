"""One shape per feature, checked over the import graph (grimp: what `lint-imports` reads).

Only a feature's handlers, dialog (or its dialog/ package), views and callbacks import
telegram: its service decides and stores, its other modules are pure or plain.
"""

from __future__ import annotations

import grimp
import pytest

# The features of the one shape (README, "One shape per feature").
FEATURES = ("account", "care", "checkin", "data_rights", "supervision", "teams", "verrekijker")
# The rooms of a feature that may talk to Telegram.
TALKING = frozenset({"handlers", "dialog", "views", "callbacks"})


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("bot", include_external_packages=True)


def _room(module: str) -> str:
    """bot.checkin.dialog.steps -> "dialog"; bot.checkin -> ""."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 else ""


def talking_offences(graph: grimp.ImportGraph) -> list[str]:
    found = []
    for feature in FEATURES:
        package = f"bot.{feature}"
        for module in sorted({package, *graph.find_descendants(package)}):
            imports = graph.find_modules_directly_imported_by(module)
            if _room(module) not in TALKING and "telegram" in imports:
                found.append(module)
    return found


def test_only_handlers_dialog_views_and_callbacks_import_telegram(graph):
    assert talking_offences(graph) == []


def test_every_feature_is_found(graph):
    # Guards the checks above against a rename that would leave them checking nothing.
    for feature in FEATURES:
        assert graph.find_descendants(f"bot.{feature}"), feature
    assert "bot.checkin.dialog.steps" in graph.modules
