"""All SQL lives in this package, behind a small async API that returns plain data objects."""

from __future__ import annotations

from pathlib import Path

from storage.checkins import CheckinRepository
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
    "AnsweredQuestion",
    "Checkin",
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
]


class Storage:
    """The repositories over one database; open with `await Storage.open(path)`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.users = UserRepository(db)
        self.checkins = CheckinRepository(db)
        self.weekly = WeeklyRepository(db)
        self.history = HistoryRepository(db)

    @classmethod
    async def open(cls, path: str | Path, *, apply_migrations: bool = True) -> Storage:
        """Open the database and bring its schema up to date."""
        db = await Database.open(path)
        if apply_migrations:
            await migrate(db)
        return cls(db)

    async def migrate(self) -> list[str]:
        """Apply pending migrations; returns their names."""
        return await migrate(self.db)

    async def close(self) -> None:
        """Close the database."""
        await self.db.close()
