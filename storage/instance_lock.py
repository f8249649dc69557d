"""One bot per SQLite file: an exclusive OS lock on `<database>.lock`, held for the process's life.

`run` (and `migrate`, `try --database`) take it before anything touches the database, so a
second instance stops before it could reset the first one's in-flight outbox items. The OS
drops the lock when the process ends, also on SIGKILL: a stale lock file never blocks a start.
`status`, `export` and `rotate-key` do not take it: they are made to run beside the bot.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from storage.database import DatabaseUnavailable
from storage.sqlite import make_folder
from storage.url import DatabaseUrl


class InstanceLock:
    """The held lock; keep a reference for as long as the process uses the database."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd = fd
        self.path = path

    @classmethod
    def acquire(cls, where: DatabaseUrl | str | Path, doing: str) -> InstanceLock | None:
        """Take the lock beside the database file or raise DatabaseUnavailable.

        None for SQLite in memory (and other engines: they will need their own, e.g. an
        advisory lock, when they come).
        """
        database = DatabaseUrl.coerce(where)
        if database.engine != "sqlite" or database.in_memory or database.path is None:
            return None
        path = Path(f"{os.fspath(database.path)}.lock")
        make_folder(database.path, database)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        except OSError as error:
            reason = f"cannot create its lock file {path.name}: {error.strerror}"
            raise DatabaseUnavailable(database, reason) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            owner = _owner(path)
            raise DatabaseUnavailable(
                database,
                f"another Sherpa{owner} is running on this database; stop it before you {doing}",
            ) from None
        # For the operator: which process holds it (the lock itself is the flock, not this).
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return cls(fd, path)

    def release(self) -> None:
        """Let go (the OS does this anyway when the process ends)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _owner(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
