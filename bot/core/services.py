"""The immutable dependencies handlers reach through the typed context: built once, at start."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Any, TypeAlias, cast

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.core.clock import Clock
from bot.core.kinds import Kinds, UserKinds
from bot.core.runtime import Runtime
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


SERVICES_KEY = "services"
RUNTIME_KEY = "runtime"


class SherpaContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the services and the runtime."""

    @property
    def services(self) -> Services:
        """The application's immutable dependencies."""
        return self.application.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]

    @property
    def runtime(self) -> Runtime:
        """The application's running parts: the outbox worker, the chart pool, the locks."""
        return self.application.bot_data[RUNTIME_KEY]  # type: ignore[no-any-return]


# The Application as bot/app.py builds it. Its callbacks get a SherpaContext, but PTB types
# context.application with the context left open, so that slot (and the job queue's) is Any.
SherpaApp: TypeAlias = Application[
    ExtBot[None], Any, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]
