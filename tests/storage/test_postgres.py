"""The PostgreSQL engine itself, on a real server the tests start (tests/postgres_server.py).

What both engines share is tested, parametrised, in the rest of tests/storage; here is what
only PostgreSQL has: its migrations on a blank database, refusals at connect, claims with
SKIP LOCKED and advisory locks between two instances.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from storage import DatabaseUnavailable, DatabaseUrl, Storage
from storage.migrate import available_migrations, migrate
from storage.postgres import PostgresDatabase
from storage.postgres_adapt import lock_key, translate
from tests.helpers import add_user
from tests.postgres_server import PASSWORD, PostgresServer
from tests.storage.schema import table_names

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_every_migration_runs_on_a_blank_database_and_is_recorded(pg_url):
    db = await PostgresDatabase.open(pg_url)
    try:
        assert await table_names(db) == set()
        applied = await migrate(db)
        assert applied == [m.name for m in available_migrations("postgresql")]
        numbers = [row[0] for row in await db.fetch_all("SELECT number FROM schema_migrations")]
        assert sorted(numbers) == [m.number for m in available_migrations("postgresql")]
        assert {"users", "checkins", "answers", "outbox", "inbox", "teams"} <= await table_names(db)
        assert await migrate(db) == []  # a second run finds nothing to do
    finally:
        await db.close()


def test_both_engines_take_the_same_numbered_steps():
    sqlite = [m.name for m in available_migrations("sqlite")]
    assert [m.name for m in available_migrations("postgresql")] == sqlite


async def test_telegram_ids_beyond_32_bits_are_stored_as_they_are(pg_migrated_url):
    store = await Storage.open(pg_migrated_url)
    try:
        big = 2**40 + 7  # Telegram ids outgrow 32 bits
        user = await add_user(store, big, NOW)
        assert (await store.users.get(big)) == user and user.chat_id == big
    finally:
        await store.close()


async def test_migrate_refuses_a_schema_newer_than_the_code(pg_migrated_url):
    store = await Storage.open(pg_migrated_url)
    newest = available_migrations("postgresql")[-1].number
    await store._db.write(
        "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
        (newest + 1, f"{newest + 1:04d}_from_the_future.sql", NOW.isoformat()),
    )
    await store.close()
    with pytest.raises(DatabaseUnavailable, match="schema is newer than this version") as caught:
        await Storage.open(pg_migrated_url)
    assert f"migration {newest + 1:04d}" in str(caught.value)


@pytest.mark.parametrize(
    ("password", "database", "reason"),
    [
        ("wrong-password-123", None, "password authentication failed"),
        (PASSWORD, "no_such_database", 'database "no_such_database" does not exist'),
    ],
)
async def test_a_refused_login_is_one_line_without_the_password(
    postgres_server: PostgresServer, pg_migrated_url, password, database, reason
):
    name = database or pg_migrated_url.dsn.split("?")[0].rsplit("/", 1)[-1]
    url = DatabaseUrl.parse(postgres_server.tcp_dsn(name, password))
    with pytest.raises(DatabaseUnavailable) as caught:
        await Storage.open(url)
    message = str(caught.value)
    assert reason in message and message.startswith("DATABASE_URL (postgresql://sherpa_pw@")
    assert password not in message and "\n" not in message


async def test_the_right_password_over_tcp_opens(postgres_server: PostgresServer, pg_migrated_url):
    name = pg_migrated_url.dsn.split("?")[0].rsplit("/", 1)[-1]
    store = await Storage.open(DatabaseUrl.parse(postgres_server.tcp_dsn(name)))
    assert await store.users.get(1) is None  # it reads the database
    await store.close()


def test_placeholders_are_translated_and_a_literal_percent_kept():
    sql, values = translate("SELECT '100%' WHERE a = ? AND b LIKE ?", (1, "x%"))
    assert sql == "SELECT '100%%' WHERE a = %s AND b LIKE %s" and values == (1, "x%")
    assert translate("SELECT '100%'", ()) == ("SELECT '100%'", None)
    assert translate("SELECT ?", (True,))[1] == (1,)  # flags are 0/1 integers on both engines


def test_a_lock_key_is_a_signed_64_bit_number_that_every_instance_computes_alike():
    keys = {lock_key(f"user:{n}") for n in range(1000)}
    assert len(keys) == 1000 and all(-(2**63) <= k < 2**63 for k in keys)
    assert lock_key("sherpa.migrate") == lock_key("sherpa.migrate")


async def _two_instances(url: DatabaseUrl) -> tuple[PostgresDatabase, PostgresDatabase]:
    """Two separately opened databases on one migrated PostgreSQL: two instances."""
    return await PostgresDatabase.open(url), await PostgresDatabase.open(url)


async def test_two_instances_claiming_with_skip_locked_never_get_the_same_row(pg_migrated_url):
    first, second = await _two_instances(pg_migrated_url)
    try:
        await first.write_many(
            "INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)",
            [(n, NOW.isoformat()) for n in range(40)],
        )
        claimed: dict[str, list[int]] = {"first": [], "second": []}
        both_inside = asyncio.Barrier(2)

        async def claim(db: PostgresDatabase, who: str) -> None:
            for _ in range(10):
                async with db.transaction():
                    rows = await db.fetch_all(
                        "SELECT update_id FROM handled_updates WHERE handled_at <> 'taken'"
                        f" ORDER BY update_id LIMIT 2 {db.skip_locked}"
                    )
                    if who == "first" and not claimed["first"]:
                        await both_inside.wait()  # hold the rows while the other claims
                    elif not claimed["second"]:
                        await both_inside.wait()
                    ids = [row[0] for row in rows]
                    claimed[who] += ids
                    await db.write_many(
                        "UPDATE handled_updates SET handled_at = 'taken' WHERE update_id = ?",
                        [(i,) for i in ids],
                    )

        await asyncio.gather(claim(first, "first"), claim(second, "second"))
        assert claimed["first"] and claimed["second"]
        assert not set(claimed["first"]) & set(claimed["second"])
        assert sorted(claimed["first"] + claimed["second"]) == list(range(40))
    finally:
        await first.close()
        await second.close()


async def test_hold_lock_makes_another_instance_wait(pg_migrated_url):
    first, second = await _two_instances(pg_migrated_url)
    try:
        order: list[str] = []
        held = asyncio.Event()

        async def holder() -> None:
            async with first.hold_lock("outbox.sender"):
                held.set()
                order.append("first in")
                await asyncio.sleep(0.2)
                order.append("first out")

        async def waiter() -> None:
            await held.wait()
            assert await second.try_hold_lock("outbox.sender") is None  # taken: no waiting
            async with second.hold_lock("outbox.sender"):
                order.append("second in")

        await asyncio.gather(holder(), waiter())
        assert order == ["first in", "first out", "second in"]
    finally:
        await first.close()
        await second.close()


async def test_try_hold_lock_is_one_holder_until_released(pg_migrated_url):
    first, second = await _two_instances(pg_migrated_url)
    try:
        held = await first.try_hold_lock("poller")
        assert held is not None
        assert await second.try_hold_lock("poller") is None
        assert await first.try_hold_lock("poller") is None  # not even the same instance twice
        other = await second.try_hold_lock("another name")
        assert other is not None
        await other.release()
        await held.release()
        await held.release()  # a second release does nothing
        again = await second.try_hold_lock("poller")
        assert again is not None
        await again.release()
    finally:
        await first.close()
        await second.close()


async def test_a_try_lock_dies_with_its_holders_connection(pg_migrated_url, postgres_server):
    first, second = await _two_instances(pg_migrated_url)
    try:
        held = await first.try_hold_lock("poller")
        assert held is not None
        # The holder's session ends as it would when its process dies: the server kills it.
        await second.write(
            "SELECT pg_terminate_backend(pid) FROM pg_locks"
            " WHERE locktype = 'advisory' AND pid <> pg_backend_pid()"
        )
        for _ in range(50):
            taken = await second.try_hold_lock("poller")
            if taken is not None:
                break
            await asyncio.sleep(0.05)
        assert taken is not None
        await taken.release()
    finally:
        await first.close()
        await second.close()


def test_the_urls_password_is_masked_in_logs_and_psycopg_stays_quiet():
    import logging

    from bot.config import Settings
    from bot.logging_setup import CHATTY, RedactFilter

    url = "postgresql://sherpa:pw-in-the-url-77@db.internal:5432/sherpa"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    assert settings.database.engine == "postgresql" and "pw-in-the-url-77" in settings.secrets()
    record = logging.LogRecord("psycopg.pool", logging.WARNING, __file__, 1, "%s", (url,), None)
    assert RedactFilter(settings.secrets()).filter(record)
    assert "pw-in-the-url-77" not in record.getMessage()
    assert "psycopg" in CHATTY  # its pool's logger, psycopg.pool, is a child of it


async def test_a_read_only_postgresql_is_a_lasting_failure_but_not_a_full_disk(pg_migrated_url):
    from storage.errors import disk_full, lasting_write_failure

    store = await Storage.open(pg_migrated_url)
    name = pg_migrated_url.dsn.split("?")[0].rsplit("/", 1)[-1]
    await store._db.write(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    await store.close()
    db = await PostgresDatabase.open(pg_migrated_url)  # new sessions are read-only now
    try:
        with pytest.raises(Exception) as caught:
            await db.write("DELETE FROM handled_updates")
        assert lasting_write_failure(caught.value) and not disk_full(caught.value)
        wrapped = RuntimeError("while storing")
        wrapped.__cause__ = caught.value
        assert lasting_write_failure(wrapped)
    finally:
        await db.close()


async def test_a_wait_for_a_lock_that_is_cancelled_leaves_no_lock_behind(pg_migrated_url):
    first, second = await _two_instances(pg_migrated_url)
    try:
        held = await first.try_hold_lock("user:7")
        assert held is not None

        async def wait_for_it() -> None:
            async with second.hold_lock("user:7"):
                await asyncio.sleep(10)

        waiting = asyncio.create_task(wait_for_it())
        await asyncio.sleep(0.2)  # it waits in pg_advisory_lock now
        waiting.cancel()
        await held.release()  # the server may grant the cancelled wait just now
        with pytest.raises(asyncio.CancelledError):
            await waiting
        for _ in range(50):  # nobody keeps it: neither the cancelled task nor its connection
            again = await first.try_hold_lock("user:7")
            if again is not None:
                break
            await asyncio.sleep(0.05)
        assert again is not None
        await again.release()
        assert (await second.fetch_one("SELECT 1"))[0] == 1  # the pool still serves
    finally:
        await first.close()
        await second.close()


async def test_after_the_server_dropped_its_connections_the_next_statement_works(pg_migrated_url):
    first, second = await _two_instances(pg_migrated_url)
    try:
        assert (await first.fetch_one("SELECT 1"))[0] == 1  # a pooled connection, idle now
        await second.write(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        failures = 0
        for _ in range(3):  # the dropped connection fails once, then the pool replaces it
            try:
                assert (await first.fetch_one("SELECT 2"))[0] == 2
                break
            except Exception:
                failures += 1
        assert failures <= 1
    finally:
        await first.close()
        await second.close()


def test_the_emptied_database_forgets_the_last_tests_rows_and_schema(postgres_server):
    """The fixture behind database_url: nothing of one test reaches the next."""
    import psycopg

    name = postgres_server.emptied_database()
    with psycopg.connect(postgres_server.dsn(name), autocommit=True) as connection:
        connection.execute("INSERT INTO handled_updates VALUES (1, 'x')")
        connection.execute("CREATE TABLE stray (a INTEGER)")
    name = postgres_server.emptied_database()
    with psycopg.connect(postgres_server.dsn(name), autocommit=True) as connection:
        assert connection.execute("SELECT COUNT(*) FROM handled_updates").fetchone() == (0,)
        assert connection.execute("SELECT to_regclass('stray')").fetchone() == (None,)
