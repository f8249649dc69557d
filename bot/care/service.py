"""Care's decisions and records: which closing a finished check-in gets, and the date the
lines or the ladder last came (only the date). No Telegram here, and nothing logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from bot.care import views
from bot.care.rule import RECENT, ladder_due, low_scales, lowest_today
from bot.core.clock import Clock
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.core.texts import Catalog
from storage import User
from storage.care import CareRepository
from storage.checkins import CheckinRepository


@dataclass(frozen=True)
class Closing:
    """The closing message of a check-in; `ladder_on`: the day the ladder came with it."""

    text: str
    ladder_on: date | None = None


@dataclass(frozen=True)
class Care:
    """Care, bound once (bot/app.py) to what it reads and writes: a check-in's steps, the date
    the lines last came, the texts, the randomness of the closing line, and the clock. The
    handlers reach it through the typed context (`context.part(Care)`) and hand it to the
    dialog."""

    checkins: CheckinRepository
    care: CareRepository
    texts: Catalog
    rng: Random
    clock: Clock

    @classmethod
    def bound(cls, services: Services) -> Care:
        """Bound to the application's storage, texts, randomness and clock."""
        storage = services.storage
        return cls(storage.checkins, storage.care, services.texts, services.rng, services.clock)

    def today(self, user: User) -> date:
        """Her local date now."""
        return local_today(self.clock, user.timezone)

    async def closing(self, user: User, checkin_id: int, *, distress: bool = False) -> Closing:
        """Thanks, or after a low score a warm line, with the ladder when a scale was at 1 or
        the scales stayed low (a low stretch then waits a few days before it comes back).
        After heavy words (`distress`) only a quiet line: the lines came already, nothing
        celebrates."""
        texts, lang = self.texts, user.language
        if distress:
            return Closing(texts.text(lang, "care.closing.after_distress"))
        steps = await self.checkins.steps(checkin_id)
        scores = {s.kind: s.score for s in steps if s.kind != "question"}
        energy, boundaries = scores.get("energy"), scores.get("boundaries")
        low = low_scales(energy, boundaries)
        text = views.closing_line(texts, lang, low, self.rng)
        day = self.today(user)
        recent = await self.care.recent_scales(user.user_id, RECENT) if low else []
        if not (low and ladder_due(recent, await self.care.last_offered(user.user_id), day)):
            return Closing(text)
        intro = "low_today" if lowest_today(energy, boundaries) else "stretch"
        return Closing(text + "\n\n" + views.ladder(texts, lang, user.timezone, intro=intro), day)

    async def lines_came(self, user: User, day: date | None = None) -> None:
        """Remember (only the date) that the lines or the ladder came, so the ladder of the
        next days knows; erased by /delete, exported by /export."""
        await self.care.mark_offered(user.user_id, day or self.today(user))
