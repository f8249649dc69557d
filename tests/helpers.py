"""Helpers shared by the end-to-end tests: the World under test and common conversations."""

from __future__ import annotations

import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from bot.core.clock import ManualClock
from standin import FakeUser, StandIn
from standin.sandbox import Sandbox
from storage import Checkin, DatabaseUrl, NewStep, Storage, Trigger, User
from storage.engine import open_engine

DUE_MONDAY = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # 16:30 in Brussels


async def onboard(world: World, user: FakeUser) -> int:
    """Finish /start with every default; returns the number of taps it took."""
    await world.say(user, "/start")
    taps = 0
    for label in ("✓ Nederlands", "Klaar ✓", "✓ 16:30", "✓ Europe/Brussels"):
        await world.tap(user, label)
        taps += 1
    return taps


async def answer_checkin(world: World, user: FakeUser, *answers: str) -> None:
    """Answer the signpost's questions with `answers`, skip a question of the reflective cycle
    that may follow (a look-back, an intention's return), and score the two scales."""
    for text in answers:
        await world.say(user, text)
    while (last := world.api.last_message(user)) is not None and last.button_labels == [
        "Overslaan"
    ]:
        await world.tap(user, "Overslaan")
    await world.tap(user, "4")  # energie
    await world.tap(user, "3")  # grenzen


MONDAY = DUE_MONDAY.date()


@dataclass
class World:
    """The stand-in, the running bot, the clock and its database, for one test.

    `database` is a DatabaseUrl (a SQLite path given is taken as its file); tests about
    SQLite's files read `sqlite_path`.
    """

    api: StandIn
    bot: Sandbox
    clock: ManualClock
    database: DatabaseUrl

    def __post_init__(self) -> None:
        self.database = DatabaseUrl.coerce(self.database)

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file (a test about SQLite's files runs on SQLite only)."""
        assert self.database.engine == "sqlite" and self.database.path is not None
        return self.database.path

    async def restart(self) -> None:
        """Stop the bot as a deploy would, and start it again on the same data."""
        await self.bot.stop()
        await self.start_again()

    async def start_again(self) -> None:
        """Start a fresh bot (as a new process would) on the same database."""
        self.bot = Sandbox(self.bot.settings, self.api, self.clock)
        await self.bot.start()

    async def say(self, user: FakeUser, text: str, reply_to: int | None = None) -> dict:
        update = self.api.send_text(user, text, reply_to=reply_to)
        await self.bot.settle()
        return update

    async def tap(self, user: FakeUser, label_or_index: str | int) -> None:
        self.api.press_button(user, label_or_index)
        await self.bot.settle()

    def texts(self, user: FakeUser) -> list[str]:
        return [m.text or "" for m in self.api.messages(user)]

    def last_text(self, user: FakeUser) -> str:
        message = self.api.last_message(user)
        assert message is not None
        return message.text or ""


def database_env(database: DatabaseUrl) -> dict[str, str]:
    """The environment that names this database to a `python -m bot` process."""
    if database.engine == "sqlite":
        return {"DATABASE_PATH": str(database.path)}
    return {"DATABASE_URL": database.dsn or ""}


async def rows(database: DatabaseUrl, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows read with a connection of the test's own, beside the bot's (either engine)."""
    db = await open_engine(database)
    try:
        return [tuple(row) for row in await db.fetch_all(sql, args)]
    finally:
        await db.close()


async def write(database: DatabaseUrl, sql: str, *args: object) -> None:
    """One statement with a connection of the test's own (what another program would do)."""
    db = await open_engine(database)
    try:
        await db.write(sql, args)
    finally:
        await db.close()


async def add_user(
    storage: Storage, user_id: int, now: datetime, *, step: str = "language"
) -> User:
    """A user as /start leaves them: Dutch, Brussels, weekdays at 16:30, at an onboarding step."""
    return await storage.users.create(
        user_id=user_id,
        chat_id=user_id,
        language="nl",
        timezone="Europe/Brussels",
        checkin_time=time(16, 30),
        days=frozenset(range(5)),
        onboarding_step=step,
        now=now,
    )


async def add_checkin(
    storage: Storage,
    user_id: int,
    local_date: date,
    now: datetime,
    *,
    steps: Sequence[NewStep] = (NewStep("question", 0, "Wat?"),),
    signpost: int = 1,
    trigger: Trigger = "on_demand",
) -> Checkin | None:
    """A check-in with signpost 1's first prompt; None when that day has one already."""
    return await storage.checkins.create(
        user_id=user_id,
        local_date=local_date,
        signpost=signpost,
        prompt_id="s1.p-0",
        prompt_text="Een prompt",
        trigger=trigger,
        steps=list(steps),
        now=now,
    )


async def add_due_users(storage: Storage, ids: Iterable[int], due: datetime) -> None:
    """Users who finished onboarding (every day at 16:30, Brussels) with a check-in due at `due`."""
    for user_id in ids:
        await storage.users.create(
            user_id=user_id,
            chat_id=user_id,
            language="nl",
            timezone="Europe/Brussels",
            checkin_time=time(16, 30),
            days=frozenset(range(7)),
            onboarding_step="days",
            now=due,
        )
        await storage.users.update(user_id, due, onboarding_step=None, next_due_at=due)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
