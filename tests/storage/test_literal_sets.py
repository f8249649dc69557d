"""Each literal set is named once in Python, and the schema's CHECK constraints agree with it.

The schema is read back from sqlite_master of a freshly migrated database: what SQLite
enforces, not what a migration file happens to say.
"""

from __future__ import annotations

import re
from typing import get_args

import pytest

import bot.core.texts
import storage.retention
from bot.config import Settings
from storage import Storage
from storage.models import LANGUAGES, RETENTION_CHOICES, Team, User


@pytest.fixture
async def schema(tmp_path) -> dict[str, str]:
    store = await Storage.open(tmp_path / "schema.sqlite3")
    rows = await store._db.fetch_all("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    await store.close()
    return {row[0]: row[1] for row in rows}


def _check(sql: str, column: str) -> tuple[object, ...]:
    """The values of `CHECK (column IN (...))` in a CREATE TABLE statement."""
    match = re.search(rf"CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)\s*\)", sql)
    assert match, f"no CHECK ({column} IN ...) in {sql}"
    values = [v.strip() for v in match[1].split(",")]
    return tuple(v.strip("'") if v.startswith("'") else int(v) for v in values)


@pytest.mark.parametrize("table", ["users", "teams"])
def test_the_language_check_holds_exactly_the_languages(schema, table):
    assert _check(schema[table], "language") == LANGUAGES


def test_the_retention_check_holds_exactly_the_retention_choices(schema):
    assert _check(schema["users"], "retention_months") == RETENTION_CHOICES


def test_the_python_uses_refer_to_the_one_definition():
    assert bot.core.texts.LANGUAGES is LANGUAGES
    assert storage.retention.RETENTION_CHOICES is RETENTION_CHOICES
    assert get_args(Settings.model_fields["default_language"].annotation) == LANGUAGES
    assert User.__annotations__["language"] == "Language"
    assert Team.__annotations__["language"] == "Language"
    assert User.__annotations__["retention_months"] == "RetentionMonths | None"
