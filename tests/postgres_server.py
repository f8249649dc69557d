"""A real PostgreSQL server for the test session: initdb and pg_ctl in a temporary folder.

The binaries come with Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin;
.ci/run installs it). PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` account the package creates; otherwise as the current user. It listens on a unix
socket in its folder (trusted: the tests' connections) and on 127.0.0.1 at a free port, where
a password is required (the tests of a wrong password). Durability is off: it is thrown away.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import psycopg

from storage.url import DatabaseUrl

BINARIES = Path("/usr/lib/postgresql")
ACCOUNT = "postgres"  # the unprivileged account of Debian's package, when we are root
TEMPLATE = "sherpa_migrated"
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One running server; `new_database()` gives each test its own database."""

    def __init__(self, folder: Path, binaries: Path, port: int) -> None:
        self.folder = folder
        self.binaries = binaries
        self.port = port
        self._names = itertools.count(1)
        self._template_ready = False

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb, configure, pg_ctl start; raises Missing without binaries."""
        binaries = find_binaries()
        folder = Path(tempfile.mkdtemp(prefix="sherpa-pg-"))
        server = cls(folder, binaries, _free_port())
        if os.geteuid() == 0:
            shutil.chown(folder, ACCOUNT, ACCOUNT)
        try:
            server._run("initdb", "-D", str(server.data), *INITDB_OPTIONS)
            server._configure()
            options = f"-p {server.port} -k {folder}"
            log = str(folder / "server.log")
            server._run("pg_ctl", "-D", str(server.data), "-l", log, "-w", "-o", options, "start")
            server._admin(f"CREATE ROLE {PASSWORD_ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        except BaseException:
            server.stop()
            raise
        return server

    @property
    def data(self) -> Path:
        return self.folder / "data"

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


async def _migrate(url: DatabaseUrl) -> None:
    from storage import Storage

    storage = await Storage.open(url)
    await storage.close()
