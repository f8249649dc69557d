"""Between our interface and psycopg: `?` placeholders, sqlite3-like rows, one-line refusals.

Pure text and data, no connection: the PostgreSQL engine (storage/postgres.py) uses these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from storage.database import DatabaseUnavailable, Params
from storage.url import DatabaseUrl


class Row:
    """A result row like sqlite3.Row: `row[0]`, unpacking, `row["name"]` and `keys()`."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[Any]) -> None:
        self._names = names
        self._values = tuple(values)

    def __getitem__(self, key: Any, /) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def keys(self) -> list[str]:
        return list(self._names)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values, strict=True))!r})"


def row_maker(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    """psycopg's row factory for our Row: the column names are read once per result.

    Read off the result itself (`cursor.description` would build a Column of each first:
    a person's read has dozens, on every statement).
    """
    result = cursor.pgresult
    names = {} if result is None else _names(result)
    return lambda values: Row(names, values)


def _names(result: Any) -> dict[str, int]:
    fields = result.nfields
    return {(result.fname(i) or b"").decode(): i for i in range(fields)}


def translate(sql: str, params: Params) -> tuple[str, tuple[object, ...] | None]:
    """`?` placeholders become psycopg's `%s` (a literal `%` becomes `%%` first).

    Without parameters the text goes as it is (psycopg then reads no placeholders at all).
    Our SQL holds no `?` inside string literals. Booleans become 0/1, as SQLite stores them:
    the schema's flags are INTEGER on both engines.
    """
    if not params:
        return sql, None
    values = tuple(int(p) if isinstance(p, bool) else p for p in params)
    return sql.replace("%", "%%").replace("?", "%s"), values


def lock_key(name: str) -> int:
    """The advisory lock key of a lock name: a signed 64-bit hash, the same in every instance."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def unreachable(url: DatabaseUrl, error: BaseException) -> DatabaseUnavailable:
    """One line saying why the server refused or could not be reached, without the password."""
    # psycopg says `connection failed: connection to server at "h", port 5432 failed: <why>`,
    # a line per address tried, then hints; the last address's reason is the one line.
    tried = [line for line in str(error).splitlines() if line.count(" failed: ") >= 2]
    reason = tried[-1].split(" failed: ", 2)[-1] if tried else str(error).strip()
    reason = " ".join(reason.removeprefix("FATAL:").split()) or type(error).__name__
    password = urlsplit(url.dsn or "").password
    if password:
        reason = reason.replace(password, "***")
    return DatabaseUnavailable(url, f"cannot connect: {reason}")
