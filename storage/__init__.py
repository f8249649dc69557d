"""All SQL lives in this package, behind a small async API that returns plain data objects."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.checkins import CheckinRepository
from storage.crypto import AnswerCipher, CipherError, new_key, parse_key
from storage.sqlite import Database, DatabaseUnavailable, unusable
from storage.history import HistoryRepository
from storage.inbox import InboxItem, InboxRepository
from storage.migrate import migrate
from storage.models import (
    Answer,
    AnsweredQuestion,
    Checkin,
    ExportedAnswer,
    ExportedCheckin,
    ExportedStep,
    NewOutboxItem,
    NewStep,
    OutboxHealth,
    OutboxItem,
    PausePeriod,
    PendingAnswer,
    ReflectionDay,
    RotationHistory,
    Step,
    Team,
    TeamMember,
    TeamWeek,
    Trigger,
    User,
    UserCounts,
    WeekOutcome,
)
from storage.outbox import OutboxRepository
from storage.pauses import PauseRepository
from storage.pending import PendingRepository
from storage.retention import RetentionRepository
from storage.team_guard import TeamGuardRepository
from storage.team_members import Removal
from storage.team_weeks import TeamWeekRepository
from storage.teams import TeamRepository
from storage.updates import UpdateRepository
from storage.users import UserRepository

__all__ = [
    "Answer",
    "AnswerCipher",
    "AnsweredQuestion",
    "Checkin",
    "CipherError",
    "DatabaseUnavailable",
    "ExportedAnswer",
    "ExportedCheckin",
    "ExportedStep",
    "InboxItem",
    "NewOutboxItem",
    "NewStep",
    "OutboxHealth",
    "OutboxItem",
    "PausePeriod",
    "PendingAnswer",
    "ReflectionDay",
    "Removal",
    "RotationHistory",
    "Step",
    "Storage",
    "Team",
    "TeamMember",
    "TeamWeek",
    "Trigger",
    "User",
    "UserCounts",
    "WeekOutcome",
    "new_key",
    "parse_key",
]


class Storage:
    """The repositories over one database; open with `await Storage.open(path)`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.users = UserRepository(db)
        self.checkins = CheckinRepository(db)
        self.history = HistoryRepository(db)
        self.pending = PendingRepository(db)
        self.outbox = OutboxRepository(db)
        self.updates = UpdateRepository(db)
        self.inbox = InboxRepository(db)
        self.retention = RetentionRepository(db)
        self.teams = TeamRepository(db)
        self.team_weeks = TeamWeekRepository(db)
        self.team_guard = TeamGuardRepository(db)
        self.pauses = PauseRepository(db)
        self.applied: list[str] = []

    @classmethod
    async def open(cls, path: str | Path, *, cipher: AnswerCipher | None = None) -> Storage:
        """Open the database, apply pending migrations, and check the answer keys.

        `storage.applied` names the migrations this open applied. Raises CipherError when
        stored answers were sealed with a key that is not configured: a wrong key stops the
        start with a clear error instead of showing garbage. Raises DatabaseUnavailable (one
        line) when the file cannot be created, is no usable SQLite database, or has a schema
        newer than this code.
        """
        db = await Database.open(path, cipher)
        try:
            applied = await migrate(db)
            await CheckinRepository(db).check_keys()
            # Text erased just before a crash may still be in the log: empty it now.
            await db.scrub_log_once()
        except sqlite3.DatabaseError as error:
            await db.close()
            raise unusable(path, error) from None
        except BaseException:
            await db.close()
            raise
        storage = cls(db)
        storage.applied = applied
        return storage

    async def close(self) -> None:
        """Close the database."""
        await self.db.close()
