"""copy-db's pure parts: the .env line never shows a password; tables after what they reference."""

from __future__ import annotations

import pytest

from storage.copy import CopyRefused, _referenced_first, masked
from storage.url import DatabaseUrl


@pytest.mark.parametrize(
    ("dsn", "shown"),
    [
        (
            "postgresql://sherpa:s3cr%40t@db.example:5432/sherpa",
            "postgresql://sherpa:****@db.example:5432/sherpa",
        ),
        (
            "postgresql://sherpa@db/sherpa?sslmode=require",
            "postgresql://sherpa@db/sherpa?sslmode=require",
        ),
        (
            "postgresql://postgres@/sherpa?host=/run/postgresql&port=5433",
            "postgresql://postgres@/sherpa?host=/run/postgresql&port=5433",
        ),
        (
            "postgresql://u@h/d?password=hunter2&sslmode=verify-full",
            "postgresql://u@h/d?password=****&sslmode=verify-full",
        ),
    ],
)
def test_the_env_line_masks_the_password_and_keeps_the_rest(dsn, shown):
    assert masked(DatabaseUrl.parse(dsn)) == shown


def test_tables_come_after_the_tables_they_reference():
    tables = ["answers", "checkin_steps", "checkins", "teams", "users"]
    references = {
        "answers": {"checkin_steps", "users"},
        "checkin_steps": {"checkins"},
        "checkins": {"users"},
        "teams": {"teams"},  # a table naming itself does not wait for itself
    }
    order = _referenced_first(tables, references)
    assert sorted(order) == sorted(tables)
    for table, referenced in references.items():
        assert all(order.index(r) <= order.index(table) for r in referenced)


def test_a_cycle_is_refused_in_one_line():
    with pytest.raises(CopyRefused, match="cycle: a, b"):
        _referenced_first(["a", "b"], {"a": {"b"}, "b": {"a"}})
