"""All SQL lives in this package, behind a small async API that returns plain data objects."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from os import PathLike

from storage.care import CareRepository, ScalePair
from storage.checkins import CheckinRepository
from storage.crypto import AnswerCipher, CipherError, new_key, parse_key
from storage.cycle import CycleRepository
from storage.database import Database, DatabaseUnavailable, HeldLock
from storage.engine import open_engine
from storage.history import HistoryRepository
from storage.inbox import InboxItem, InboxRepository
from storage.instances import InstanceRepository, TurnRepository
from storage.migrate import migrate
from storage.models import (
    LANGUAGES,
    RETENTION_CHOICES,
    Answer,
    AnsweredQuestion,
    CareMark,
    Checkin,
    ExportedAnswer,
    ExportedCheckin,
    ExportedStep,
    Language,
    NewOutboxItem,
    NewStep,
    OutboxHealth,
    OutboxItem,
    OutboxLease,
    PausePeriod,
    PendingAnswer,
    Person,
    ReflectionDay,
    RetentionMonths,
    RotationHistory,
    StarTarget,
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
from storage.send_schedule import SendScheduleRepository
from storage.stars import StarRepository
from storage.team_guard import TeamGuardRepository
from storage.team_members import Removal
from storage.team_weeks import TeamWeekRepository
from storage.teams import TeamRepository
from storage.updates import UpdateRepository
from storage.url import DatabaseUrl
from storage.users import UserRepository

__all__ = [
    "LANGUAGES",
    "RETENTION_CHOICES",
    "Answer",
    "AnswerCipher",
    "AnsweredQuestion",
    "CareMark",
    "Checkin",
    "CipherError",
    "DatabaseUnavailable",
    "DatabaseUrl",
    "ExportedAnswer",
    "ExportedCheckin",
    "ExportedStep",
    "InboxItem",
    "Language",
    "NewOutboxItem",
    "NewStep",
    "OutboxHealth",
    "OutboxItem",
    "OutboxLease",
    "PausePeriod",
    "PendingAnswer",
    "Person",
    "ReflectionDay",
    "Removal",
    "RetentionMonths",
    "RotationHistory",
    "ScalePair",
    "StarTarget",
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
    """The repositories over one database; open with `await Storage.open(url_or_path)`.

    The database itself stays inside this package: callers get repositories (each method
    one unit of work), `transaction()` for the rare group of them, and what an erase owes.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self.users = UserRepository(db)
        self.checkins = CheckinRepository(db)
        self.history = HistoryRepository(db)
        self.cycle = CycleRepository(db)
        self.pending = PendingRepository(db)
        self.outbox = OutboxRepository(db)
        self.send_schedule = SendScheduleRepository(db)
        self.updates = UpdateRepository(db)
        self.inbox = InboxRepository(db)
        self.retention = RetentionRepository(db)
        self.teams = TeamRepository(db)
        self.team_weeks = TeamWeekRepository(db)
        self.team_guard = TeamGuardRepository(db)
        self.pauses = PauseRepository(db)
        self.care = CareRepository(db)
        self.stars = StarRepository(db)
        self.instances = InstanceRepository(db)
        self.turns = TurnRepository(db)
        self.applied: list[str] = []

    @classmethod
    async def open(
        cls, database: DatabaseUrl | str | PathLike[str], *, cipher: AnswerCipher | None = None
    ) -> Storage:
        """Open the database, apply pending migrations, and check the answer keys.

        `database` is a DatabaseUrl (settings.database), a `sqlite:///` URL, or a SQLite file
        path. `storage.applied` names the migrations this open applied. Raises CipherError
        when stored answers were sealed with a key that is not configured: a wrong key stops
        the start with a clear error instead of showing garbage. Raises DatabaseUnavailable
        (one line) when the database cannot be created or used, its engine is not supported,
        or its schema is newer than this code.
        """
        db = await open_engine(DatabaseUrl.coerce(database), cipher)
        try:
            applied = await migrate(db)
            await CheckinRepository(db).check_keys()
            # Text erased just before a crash may still be in the log: empty it now.
            await db.scrub_log_once()
        except BaseException as error:
            await db.close()
            if refusal := db.refusal(error):
                raise refusal from None
            raise
        storage = cls(db)
        storage.applied = applied
        return storage

    async def try_hold_lock(self, name: str) -> HeldLock | None:
        """Take the lock `name` across all instances if it is free, else None (no waiting)."""
        return await self._db.try_hold_lock(name)

    @property
    def single_instance(self) -> bool:
        """Whether only this process uses the database (SQLite's file lock), so state that
        instances would share may stay in the process."""
        return self._db.single_instance

    @property
    def url(self) -> DatabaseUrl:
        """Which database this is (for messages; never holds a password in its repr)."""
        return self._db.url

    @property
    def erase_trace_pending(self) -> bool:
        """Whether erased text may still be in the database's files (a reader holds them).

        It is retried in the background; a reply can say the erase completes shortly.
        """
        return self._db.scrub_owed

    def connections(self) -> dict[str, int]:
        """Connections by state (size, idle, waiting), for the operator's metrics."""
        return self._db.connections()

    async def responds(self) -> bool:
        """Whether the database answers a trivial query now (readiness)."""
        return await self._db.fetch_one("SELECT 1") is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Group repository calls into one atomic unit (and one commit, for bulk seeding).

        Prefer one repository method per unit of work; this is for the rare caller that
        needs several to succeed or fail together. Nested use in the same task joins.
        """
        async with self._db.transaction():
            yield

    def hold_lock(self, name: str) -> AbstractAsyncContextManager[None]:
        """Hold the lock `name` across all instances for the block, waiting for it if taken."""
        return self._db.hold_lock(name)

    async def close(self) -> None:
        """Close the database."""
        await self._db.close()
