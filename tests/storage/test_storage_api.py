"""The storage API is only ours: no engine object goes in or out, the engine is chosen once."""

from __future__ import annotations

import ast
import inspect
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

import storage as storage_package
from storage import DatabaseUnavailable, DatabaseUrl, Storage
from tests.helpers import add_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STORAGE = Path(storage_package.__file__).parent


async def _user(store: Storage, user_id: int = 1) -> None:
    await add_user(store, user_id, NOW)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_sqlite_engine_module_imports_aiosqlite():
    users = sorted(p.name for p in STORAGE.glob("*.py") if "aiosqlite" in _imports(p))
    assert users == ["sqlite.py"]


def test_only_the_postgresql_engine_module_imports_psycopg():
    users = sorted(
        p.name for p in STORAGE.glob("*.py") if {"psycopg", "psycopg_pool"} & _imports(p)
    )
    assert users == ["postgres.py"]


async def test_the_database_handle_is_private_and_no_api_speaks_aiosqlite(database_url):
    store = await Storage.open(database_url)
    try:
        assert not hasattr(store, "db")
        public = {name: getattr(store, name) for name in dir(store) if not name.startswith("_")}
        repositories = [v for v in public.values() if type(v).__module__.startswith("storage.")]
        assert len(repositories) >= 12
        for repository in repositories:
            for name, method in inspect.getmembers(repository, inspect.ismethod):
                if name.startswith("_"):
                    continue
                signature = str(inspect.signature(method))
                assert "aiosqlite" not in signature and "Connection" not in signature, name
                assert "psycopg" not in signature, name
                assert "Cursor" not in signature and "Row" not in signature, name
    finally:
        await store.close()


async def test_a_transaction_groups_repository_calls_and_yields_nothing(database_url):
    store = await Storage.open(database_url)
    try:
        with pytest.raises(RuntimeError):
            async with store.transaction() as handle:
                assert handle is None  # nothing of the engine reaches the caller
                await _user(store, 1)
                await _user(store, 2)
                raise RuntimeError("the group fails together")
        assert await store.users.get(1) is None and await store.users.get(2) is None
        async with store.transaction():
            await _user(store, 1)
            await _user(store, 2)
        assert await store.users.get(2) is not None
        assert store.erase_trace_pending is False
    finally:
        await store.close()


@pytest.mark.parametrize(
    "how", ["path", "relative url", "absolute url", "value"], ids=lambda how: how
)
async def test_storage_opens_from_a_path_a_url_or_the_value(tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "data" / "sherpa.sqlite3"
    database = {
        "path": target,
        "relative url": "sqlite:///data/sherpa.sqlite3",
        "absolute url": f"sqlite:///{target}",
        "value": DatabaseUrl.parse(f"sqlite:///{target}"),
    }[how]
    store = await Storage.open(database)
    await _user(store)
    await store.close()
    assert target.exists()
    store = await Storage.open(target)
    assert await store.users.get(1) is not None
    await store.close()


@pytest.mark.parametrize(
    ("text", "engine", "path"),
    [
        ("sqlite:///data/sherpa.sqlite3", "sqlite", Path("data/sherpa.sqlite3")),
        ("sqlite:////var/lib/sherpa.sqlite3", "sqlite", Path("/var/lib/sherpa.sqlite3")),
        ("sqlite:///with%20space.db", "sqlite", Path("with space.db")),
        ("postgresql://sherpa:pw@db.local:5432/sherpa", "postgresql", None),
        ("postgres://db.local/sherpa", "postgresql", None),
    ],
)
def test_a_database_url_names_its_engine_and_place(text, engine, path):
    url = DatabaseUrl.parse(text)
    assert (url.engine, url.path) == (engine, path)
    assert "pw" not in repr(url) and "pw" not in url.label


@pytest.mark.parametrize(
    "text",
    ["data/sherpa.sqlite3", "mysql://db/sherpa", "sqlite://host/x.db", "sqlite:///x?mode=ro"],
)
def test_a_malformed_database_url_is_one_clear_line(text):
    with pytest.raises(ValueError, match="sqlite:///") as caught:
        DatabaseUrl.parse(text)
    assert "\n" not in str(caught.value)


async def test_an_unreachable_postgresql_is_one_line_without_the_password(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseUnavailable) as caught:
        await Storage.open(f"postgresql://sherpa:s3cret@127.0.0.1:{port}/sherpa")
    message = str(caught.value)
    assert message.startswith(f"DATABASE_URL (postgresql://sherpa@127.0.0.1:{port}/sherpa)")
    assert "cannot connect" in message and "refused" in message
    assert "s3cret" not in message and "\n" not in message


async def test_an_unusable_file_named_by_url_is_refused_naming_database_url(tmp_path):
    (tmp_path / "broken.sqlite3").write_bytes(b"not a database at all" * 1000)
    with pytest.raises(DatabaseUnavailable, match=r"^DATABASE_URL \(sqlite:///.*broken"):
        await Storage.open(DatabaseUrl.parse(f"sqlite:///{tmp_path}/broken.sqlite3"))


async def test_rows_and_counts_mean_the_same_on_both_engines(database_url):
    store = await Storage.open(database_url)
    db = store._db  # the internal interface every repository is written against
    try:
        row = await db.fetch_one("SELECT 1 AS one, 'two' AS two, ? AS three", ("100%",))
        assert row is not None and (row[0], row["two"], row["three"]) == (1, "two", "100%")
        one, two, three = row
        assert (one, two, three) == (1, "two", "100%") and len(row) == 3
        assert row.keys() == ["one", "two", "three"]
        stamp = NOW.isoformat()
        sql = "INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)"
        assert await db.write_many(sql, [(n, stamp) for n in range(5)]) == 5
        with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
            await db.write_many(sql, [(10, stamp), (11, stamp), (4, stamp)])
        count = "SELECT COUNT(*) FROM handled_updates"
        assert (await db.fetch_one(count))[0] == 5  # nothing of the failed batch stayed
        assert await db.write("DELETE FROM handled_updates WHERE update_id < ?", (2,)) == 2
        await _user(store, 1)
        insert = (
            "INSERT INTO team_link_requests (group_chat_id, user_id, created_at)"
            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id"
        )
        first = await db.insert(insert, (-100, 1, stamp))
        assert isinstance(first, int)
        assert await db.insert(insert, (-100, 1, stamp)) is None  # the conflict skipped it
        second = await db.insert(insert, (-200, 1, stamp))
        assert second is not None and second > first  # ids grow (PostgreSQL's may skip)
    finally:
        await store.close()
