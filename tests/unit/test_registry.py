"""One registry of scheduled kinds; Services whole and immutable; the runtime apart from it."""

from __future__ import annotations

import ast
import dataclasses
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.account import service as accounts
from bot.app import KINDS, build_services, open_storage
from bot.teams import digest as team_digest
from bot.teams.kinds import TEAM_DIGEST
from standin.sandbox import Sandbox
from storage import User
from storage.users import MOMENT_COLUMN

USER_KINDS = tuple(kind for kind in KINDS if kind.per_user)

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday


def _user(**changes: object) -> User:
    base: dict[str, object] = dict(
        user_id=1,
        chat_id=1,
        language="nl",
        timezone="Europe/Brussels",
        checkin_time=time(16, 30),
        days=frozenset(range(4)),  # no Friday check-in
        questions_per_checkin=2,
        onboarding_step=None,
        paused=False,
        paused_until=None,
        next_signpost=1,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return User(**(base | changes))  # type: ignore[arg-type]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, TYPE_CHECKING blocks included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_each_kind_is_declared_once_with_everything_the_reader_and_worker_need():
    names = [kind.name for kind in KINDS]
    assert len(names) == len(set(names))
    assert TEAM_DIGEST in KINDS and TEAM_DIGEST.name == team_digest.KIND
    # Each per-user kind has its own moment column and says which settings move it; the
    # reader queues the per-user kinds first.
    assert all(MOMENT_COLUMN.fullmatch(kind.field) for kind in USER_KINDS)
    assert len({kind.field for kind in USER_KINDS}) == len(USER_KINDS)
    assert USER_KINDS and KINDS[: len(USER_KINDS)] == USER_KINDS
    assert not TEAM_DIGEST.per_user


def test_a_settings_change_recomputes_the_moment_of_every_per_user_kind():
    moments = accounts.schedule(_user(nudges=True), NOW, USER_KINDS)
    assert set(moments) == {kind.field for kind in USER_KINDS}
    for kind in USER_KINDS:
        assert moments[kind.field] == kind.next_moment(_user(nudges=True), NOW)


async def test_every_per_user_kind_has_its_column_in_every_engine_s_schema(tmp_path):
    # A kind's migration adds its column; the users' rows then carry it in `User.moments`.
    settings = Sandbox.settings_for(tmp_path / "sherpa.sqlite3")
    storage = await open_storage(settings)
    try:
        user = await storage.users.create(
            user_id=1,
            chat_id=1,
            language="nl",
            timezone="Europe/Brussels",
            checkin_time=time(16, 30),
            days=frozenset(range(5)),
            onboarding_step="language",
            now=NOW,
        )
        assert set(user.moments) == {kind.field for kind in USER_KINDS}
    finally:
        await storage.close()


def test_a_setting_moves_only_the_kinds_that_read_it():
    moved = {kind.name for kind in USER_KINDS if "nudges" in kind.reads}
    assert moved == {"nudge"}
    assert all({"timezone", "paused"} <= kind.reads for kind in USER_KINDS)


async def test_services_are_built_whole_once_the_storage_is_open(tmp_path):
    settings = Sandbox.settings_for(tmp_path / "sherpa.sqlite3")
    storage = await open_storage(settings)
    try:
        services = build_services(settings, storage)
        assert services.storage is storage
        with pytest.raises(dataclasses.FrozenInstanceError):
            services.storage = storage  # type: ignore[misc]
        fields = {field.name for field in dataclasses.fields(services)}
        assert fields == {"settings", "content", "texts", "clock", "rng", "storage", "kinds"}
    finally:
        await storage.close()


def test_services_know_nothing_of_the_runtime_parts_and_features_not_the_worker():
    # Services -> worker -> Services was a cycle; teams -> worker tied teams and delivery.
    assert not {m for m in _imports(ROOT / "bot/core/services.py") if m.startswith("bot.delivery")}
    for path in (ROOT / "bot").rglob("*.py"):
        if path.parent.name in ("delivery", "core") or path.name == "app.py":
            continue
        assert "bot.delivery.worker" not in _imports(path), path
