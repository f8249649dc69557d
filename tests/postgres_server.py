"""A real PostgreSQL server for the test session: initdb and pg_ctl in a temporary folder.

The binaries come with Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin;
.ci/run installs it). PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` account the package creates; otherwise as the current user. It listens on a unix
socket in its folder (trusted: the tests' connections) and on 127.0.0.1 at a free port, where
a password is required (the tests of a wrong password). Durability is off: it is thrown away.

A test gets a blank database (CREATE DATABASE), or the migrated one emptied since the last
test (much faster than a copy of the migrated template, which is the fallback).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import psycopg

from storage.url import DatabaseUrl
from tests.helpers import free_port

BINARIES = Path("/usr/lib/postgresql")
ACCOUNT = "postgres"  # the unprivileged account of Debian's package, when we are root
TEMPLATE = "sherpa_migrated"
REUSED = "sherpa_emptied"  # emptied between tests (emptied_database)
PASSWORD_ROLE, PASSWORD = "sherpa_pw", "correct-horse-battery"
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "listen_addresses": "'127.0.0.1'",
}


INITDB_OPTIONS = ("-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")


class Missing(Exception):
    """No PostgreSQL server binaries: the message says what to install."""


def missing_binaries() -> str | None:
    """Why no server can start here (one line), or None when the binaries are there."""
    try:
        find_binaries()
    except Missing as error:
        return str(error)
    return None


def find_binaries() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb."""
    found = sorted(
        (p.parent for p in BINARIES.glob("*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not found:
        raise Missing(
            f"no PostgreSQL server binaries in {BINARIES}/*/bin: install Debian's postgresql"
            " package (apt-get install postgresql; .ci/run does this)"
        )
    return found[-1]


class PostgresServer:
    """One running server: `new_database()` makes a database, `emptied_database()` reuses one."""

    def __init__(self, folder: Path, binaries: Path, port: int) -> None:
        self.folder = folder
        self.binaries = binaries
        self.port = port
        self._names = itertools.count(1)
        self._template_ready = False
        self._reused_shape: tuple[object, ...] | None = None

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb, configure, pg_ctl start; raises Missing without binaries."""
        binaries = find_binaries()
        folder = Path(tempfile.mkdtemp(prefix="sherpa-pg-"))
        server = cls(folder, binaries, free_port())
        if os.geteuid() == 0:
            shutil.chown(folder, ACCOUNT, ACCOUNT)
        try:
            server._run("initdb", "-D", str(server.data), *INITDB_OPTIONS)
            server._configure()
            server.resume()
            server._admin(f"CREATE ROLE {PASSWORD_ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        except BaseException:
            server.stop()
            raise
        return server

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def resume(self) -> None:
        """pg_ctl start (again), waiting until it accepts connections."""
        options = f"-p {self.port} -k {self.folder}"
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start")

    def halt(self, mode: str = "fast") -> None:
        """pg_ctl stop in `mode` (fast: sessions ended, immediate: as a crash); see resume."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        """Stop in `mode` and start again at once, as an operator's restart does."""
        self.halt(mode)
        self.resume()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", ACCOUNT, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr.strip()}\n{tail}")

    def _configure(self) -> None:
        conf = self.data / "postgresql.conf"
        lines = [f"{key} = {value}" for key, value in SETTINGS.items()]
        conf.write_text(conf.read_text() + "\n" + "\n".join(lines) + "\n")
        # The socket is trusted (the tests); TCP asks a password (the wrong-password tests).
        hba = "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        (self.data / "pg_hba.conf").write_text(hba)

    def dsn(self, database: str = "postgres") -> str:
        """A URL over the unix socket, as the postgres superuser (no password)."""
        return f"postgresql://postgres@/{database}?host={quote(str(self.folder))}&port={self.port}"

    def tcp_dsn(self, database: str, password: str = PASSWORD) -> str:
        """A URL over TCP with the password role's name and the given password."""
        return f"postgresql://{PASSWORD_ROLE}:{password}@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> DatabaseUrl:
        return DatabaseUrl("postgresql", dsn=self.dsn(database))

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.dsn(), autocommit=True) as connection:
            connection.execute(sql.encode())

    def new_database(self, *, migrated: bool = False) -> str:
        """A fresh database's name: blank, or at the newest schema (a copy of a template)."""
        name = f"test_{next(self._names)}"
        # FILE_COPY: a copy of the files, faster than WAL_LOG for a small database.
        template = TEMPLATE if migrated else "template1"
        if migrated:
            self._ensure_template()
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return name

    def emptied_database(self) -> str:
        """A migrated database emptied for the next test: faster than a copy of the template.

        The previous test's connections are ended (and their locks and temporary tables with
        them), every table but schema_migrations is emptied, ids start at 1 again. When a
        test changed the schema or the database's settings, a fresh copy replaces it.
        """
        self._admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{REUSED}' AND pid <> pg_backend_pid()"
        )
        if self._reused_shape is not None:
            with psycopg.connect(self.dsn(REUSED), autocommit=True) as connection:
                if _shape(connection) == self._reused_shape:
                    # DELETE, not TRUNCATE: a test leaves few rows, and TRUNCATE costs ~90 ms.
                    tables = [row[0] for row in connection.execute(_TABLES)]
                    deletes = [f"DELETE FROM {t}" for t in tables if t != "schema_migrations"]
                    connection.execute("; ".join([*deletes, _RESTART_IDS]).encode())
                    return REUSED
            self.drop_database(REUSED)
        self._ensure_template()
        self._admin(f"CREATE DATABASE {REUSED} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        with psycopg.connect(self.dsn(REUSED), autocommit=True) as connection:
            self._reused_shape = _shape(connection)
        return REUSED

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        self._admin(f"CREATE DATABASE {TEMPLATE}")
        # The real migrations, on a thread of its own (a test's event loop may be running).
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, _migrate(self.url(TEMPLATE))).result()
        self._template_ready = True

    def stop(self) -> None:
        """Stop the server at once (nothing in it is kept) and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


# Ids start at 1 again, as in a new database.
_RESTART_IDS = (
    "SELECT setval(c.oid::regclass, 1, false) FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"
)
_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
# What a test could change that emptying would not undo: columns, indexes, constraints, the
# recorded migrations, the database's own settings.
_SHAPE = (
    "SELECT string_agg(table_name || '.' || column_name || ' ' || data_type, ','"
    " ORDER BY table_name, column_name) FROM information_schema.columns"
    " WHERE table_schema = 'public'",
    "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
    " WHERE schemaname = 'public'",
    "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint"
    " WHERE connamespace = 'public'::regnamespace",
    "SELECT string_agg(number::text, ',' ORDER BY number) FROM schema_migrations",
    "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
    " WHERE d.datname = current_database()",
)


def _shape(connection: psycopg.Connection[tuple[object, ...]]) -> tuple[object, ...] | None:
    """A fingerprint of the schema; None when it is too broken to read (a fresh copy, then)."""
    try:
        rows = [connection.execute(query.encode()).fetchone() for query in _SHAPE]
    except psycopg.Error:
        return None
    return tuple(row[0] if row else None for row in rows)


async def _migrate(url: DatabaseUrl) -> None:
    from storage import Storage

    storage = await Storage.open(url)
    await storage.close()
