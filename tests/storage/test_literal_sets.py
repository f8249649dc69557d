"""Each literal set is named once in Python, and the schema's CHECK constraints agree with it.

The schema is read back from a freshly migrated database, on both engines (SQLite's
sqlite_master, PostgreSQL's pg_constraint): what the engine enforces, not what a migration
file happens to say.
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

# PostgreSQL keeps each CHECK as its own constraint; one text per table, as sqlite_master has.
_CHECKS = (
    "SELECT conrelid::regclass::text, string_agg(pg_get_constraintdef(oid), ' ')"
    " FROM pg_constraint WHERE contype = 'c' GROUP BY conrelid"
)


@pytest.fixture
async def schema(database_url) -> dict[str, str]:
    store = await Storage.open(database_url)
    if database_url.engine == "sqlite":
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
    else:
        sql = _CHECKS
    rows = await store._db.fetch_all(sql)
    await store.close()
    return {row[0]: row[1] for row in rows}


def _check(sql: str, column: str) -> tuple[object, ...]:
    """The values of `CHECK (column IN (...))` in a CREATE TABLE statement.

    PostgreSQL gives it back as `CHECK ((column = ANY (ARRAY['a'::text, 'b'::text])))`
    or, for numbers, `CHECK ((column = ANY (ARRAY[3, 6, 12])))`.
    """
    match = re.search(rf"CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)\s*\)", sql) or re.search(
        rf"CHECK \(\({column} = ANY \(ARRAY\[([^]]*)\]\)\)\)", sql
    )
    assert match, f"no CHECK ({column} IN ...) in {sql}"
    values = [v.strip().removesuffix("::text") for v in match[1].split(",")]
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
