"""All SQL lives in this package, behind a small async API that returns plain data objects."""

from __future__ import annotations

from pathlib import Path

from storage.checkins import CheckinRepository
from storage.crypto import AnswerCipher, CipherError, new_key, parse_key
from storage.db import Database
from storage.history import HistoryRepository
from storage.migrations import migrate
from storage.models import (
    Answer,
    AnsweredQuestion,
    Checkin,
    ExportedAnswer,
    ExportedCheckin,
    ExportedStep,
    NewStep,
    ReflectionDay,
    RotationHistory,
    Step,
    Trigger,
    User,
    WeeklyKind,
)
from storage.users import UserRepository
from storage.weekly import WeeklyRepository

__all__ = [
    "Answer",
    "AnswerCipher",
    "AnsweredQuestion",
    "Checkin",
    "CipherError",
    "ExportedAnswer",
    "ExportedCheckin",
    "ExportedStep",
    "NewStep",
    "ReflectionDay",
    "RotationHistory",
    "Step",
    "Storage",
    "Trigger",
    "User",
    "WeeklyKind",
    "new_key",
    "parse_key",
]


class Storage:
    """The repositories over one database; open with `await Storage.open(path)`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.users = UserRepository(db)
        self.checkins = CheckinRepository(db)
        self.weekly = WeeklyRepository(db)
        self.history = HistoryRepository(db)
        self.applied: list[str] = []

    @classmethod
    async def open(cls, path: str | Path, *, cipher: AnswerCipher | None = None) -> Storage:
        """Open the database, apply pending migrations, and check the answer keys.

        `storage.applied` names the migrations this open applied. Raises CipherError when
        stored answers were sealed with a key that is not configured: a wrong key stops the
        start with a clear error instead of showing garbage.
        """
        db = await Database.open(path, cipher)
        try:
            applied = await migrate(db)
            await CheckinRepository(db).check_keys()
        except BaseException:
            await db.close()
            raise
        storage = cls(db)
        storage.applied = applied
        return storage

    async def close(self) -> None:
        """Close the database."""
        await self.db.close()
