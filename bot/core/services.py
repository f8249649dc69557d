"""The immutable dependencies handlers reach through the typed context: built once, at start."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Any, TypeAlias, TypeVar, cast

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.core.clock import Clock
from bot.core.kinds import Kinds, UserKinds
from bot.core.presence import Presence
from bot.core.runtime import Runtime
from bot.core.serving import Server
from bot.core.texts import Catalog
from prompts import Content
from storage import Storage


@dataclass(frozen=True)
class Services:
    """Settings, content, texts, clock, randomness, the open storage and the scheduled kinds.

    Built in the composition root once the storage is open, and never changed after: what
    only exists while the bot runs (the worker, the chart pool, the locks) is the Runtime.
    """

    settings: Settings
    content: Content
    texts: Catalog
    clock: Clock
    rng: Random
    storage: Storage
    kinds: Kinds  # every feature's scheduled kinds, per-user ones first (collected in bot/app.py)

    @property
    def user_kinds(self) -> UserKinds:
        """The kinds whose moment is each user's (in `User.moments`)."""
        return cast(UserKinds, tuple(kind for kind in self.kinds if kind.per_user))


Part = TypeVar("Part")


class BotData:
    """The Application's bot_data, typed (PTB's ContextTypes makes one at build): what the
    composition root (bot/app.py) hands the handlers, and the servers it runs beside them.
    Everything reaches it here, by name, never by a string key."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self._runtime: Runtime | None = None
        self._presence: Presence | None = None
        self.webapp: Server | None = None  # the Mini App's server, while it runs
        self.ops: Server | None = None  # the operator's port, while it runs
        self._parts: dict[type, object] = {}

    def hand_over(self, services: Services, runtime: Runtime, presence: Presence) -> None:
        """Set once, as the Application is built."""
        self._services, self._runtime, self._presence = services, runtime, presence

    def provide(self, *parts: object) -> None:
        """Hand over features bound once to what they need (set once, as the Application is
        built); each is found again by its type."""
        self._parts.update({type(part): part for part in parts})

    def part(self, kind: type[Part]) -> Part:
        """The feature bound once of this type (core knows no feature: it keeps them by type)."""
        found = self._parts.get(kind)
        assert isinstance(found, kind), f"{kind.__name__} before bot/app.py provided it"
        return found

    @property
    def services(self) -> Services:
        """The application's immutable dependencies."""
        assert self._services is not None, "bot_data before bot/app.py handed it over"
        return self._services

    @property
    def runtime(self) -> Runtime:
        """The application's running parts: the outbox worker, the chart pool, the locks."""
        assert self._runtime is not None, "bot_data before bot/app.py handed it over"
        return self._runtime

    @property
    def presence(self) -> Presence:
        """This instance's presence across instances (bot/core/presence.py)."""
        assert self._presence is not None, "bot_data before bot/app.py handed it over"
        return self._presence


class SherpaContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed access to the services and the runtime."""

    @property
    def services(self) -> Services:
        """The application's immutable dependencies."""
        return self.bot_data.services

    @property
    def runtime(self) -> Runtime:
        """The application's running parts: the outbox worker, the chart pool, the locks."""
        return self.bot_data.runtime

    def part(self, kind: type[Part]) -> Part:
        """A feature bound once to what it needs (BotData.provide, in bot/app.py)."""
        return self.bot_data.part(kind)


# The Application as bot/app.py builds it. Its callbacks get a SherpaContext, but PTB types
# context.application with the context left open, so that slot (and the job queue's) is Any.
SherpaApp: TypeAlias = Application[ExtBot[None], Any, dict[Any, Any], dict[Any, Any], BotData, Any]
