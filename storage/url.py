"""Which database to open: DATABASE_URL (or DATABASE_PATH) as one small value.

    sqlite:///data/sherpa.sqlite3      a file relative to the working folder
    sqlite:////var/lib/sherpa.sqlite3  an absolute path (four slashes)
    postgresql://user:secret@host/db   PostgreSQL (storage/postgres.py); any libpq URL

Pure: no engine is imported here. storage.engine decides what can be opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

Engine = Literal["sqlite", "postgresql"]
MEMORY = ":memory:"
_SCHEMES: dict[str, Engine] = {
    "sqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
}


@dataclass(frozen=True)
class DatabaseUrl:
    """An engine and where its database is; `setting` names the variable, for error lines."""

    engine: Engine
    path: Path | None = None  # SQLite: the file (or ":memory:")
    # PostgreSQL: the connection URL as given; it may hold a password, so never in a repr.
    dsn: str | None = field(default=None, repr=False)
    setting: str = "DATABASE_URL"

    @classmethod
    def sqlite(cls, path: str | os.PathLike[str], setting: str = "DATABASE_PATH") -> DatabaseUrl:
        """A SQLite file (DATABASE_PATH, or a path handed to Storage.open)."""
        return cls("sqlite", Path(path), setting=setting)

    @classmethod
    def parse(cls, text: str) -> DatabaseUrl:
        """Parse a DATABASE_URL; ValueError (one line, never the password) when it is not one."""
        scheme, _, rest = text.strip().partition("://")
        engine = _SCHEMES.get(scheme.lower())
        if engine is None or not rest:
            raise ValueError(
                "names no engine Sherpa can open; e.g. sqlite:///data/sherpa.sqlite3 (a SQLite"
                " file) or postgresql://user:password@host:5432/sherpa (PostgreSQL)"
            )
        if engine == "postgresql":
            try:
                urlsplit(text.strip()).port  # noqa: B018 (read to check it)
            except ValueError:
                raise ValueError(
                    "the port must be a number from 1 to 65535,"
                    " e.g. postgresql://user:password@host:5432/sherpa"
                ) from None
            return cls("postgresql", dsn=text.strip())
        host, slash, path = rest.partition("/")
        if host or not slash or not path or "?" in path or "#" in path:
            raise ValueError(
                "a sqlite URL has three slashes, then the file: sqlite:///data/sherpa.sqlite3"
                " (relative) or sqlite:////var/lib/sherpa.sqlite3 (absolute), no options"
            )
        return cls("sqlite", Path(unquote(path)))

    @classmethod
    def coerce(cls, value: DatabaseUrl | str | os.PathLike[str]) -> DatabaseUrl:
        """A DatabaseUrl as it is, a text with `://` as a URL, anything else as a SQLite path."""
        if isinstance(value, DatabaseUrl):
            return value
        if isinstance(value, str) and "://" in value:
            return cls.parse(value)
        return cls.sqlite(value)

    @property
    def in_memory(self) -> bool:
        """A SQLite database that lives in memory only (tests): no file, no lock, no log."""
        return self.engine == "sqlite" and str(self.path) == MEMORY

    @property
    def shown(self) -> str:
        """How the database is named in messages: the path, or the URL without its password."""
        if self.engine == "sqlite":
            if self.setting == "DATABASE_URL":
                return f"sqlite:///{self.path}"
            return str(self.path)
        parts = urlsplit(self.dsn or "")
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        user = f"{parts.username}@" if parts.username else ""
        return f"{parts.scheme}://{user}{host}{parts.path}"

    @property
    def label(self) -> str:
        """The setting and the database, e.g. `DATABASE_PATH (data/sherpa.sqlite3)`."""
        return f"{self.setting} ({self.shown})"

    def same_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether this is the SQLite file `path` names (relative paths: from the cwd)."""
        if self.engine != "sqlite" or self.path is None:
            return False
        return os.path.abspath(self.path) == os.path.abspath(path)
