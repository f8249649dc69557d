"""Care's decisions and records: which closing a finished check-in gets, and the date the
lines or the ladder last came (only the date). No Telegram here, and nothing logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.care import views
from bot.care.rule import RECENT, ladder_due, low_scales, lowest_today
from bot.core.schedule import local_date
from bot.core.services import Services
from storage import User


@dataclass(frozen=True)
class Closing:
    """The closing message of a check-in; `ladder_on`: the day the ladder came with it."""

    text: str
    ladder_on: date | None = None


async def closing(
    services: Services, user: User, checkin_id: int, *, distress: bool = False
) -> Closing:
    """Thanks, or after a low score a warm line, with the ladder when a scale was at 1 or the
    scales stayed low (a low stretch then waits a few days before it comes back). After
    heavy words (`distress`) only a quiet line: the lines came already, nothing celebrates."""
    texts, lang = services.texts, user.language
    if distress:
        return Closing(texts.text(lang, "care.closing.after_distress"))
    steps = await services.storage.checkins.steps(checkin_id)
    scores = {s.kind: s.score for s in steps if s.kind != "question"}
    energy, boundaries = scores.get("energy"), scores.get("boundaries")
    low = low_scales(energy, boundaries)
    text = views.closing_line(texts, lang, low, services.rng)
    care = services.storage.care
    day = _today(services, user)
    recent = await care.recent_scales(user.user_id, RECENT) if low else []
    if not (low and ladder_due(recent, await care.last_offered(user.user_id), day)):
        return Closing(text)
    intro = "low_today" if lowest_today(energy, boundaries) else "stretch"
    return Closing(text + "\n\n" + views.ladder(texts, lang, user.timezone, intro=intro), day)


async def lines_came(services: Services, user: User, day: date | None = None) -> None:
    """Remember (only the date) that the lines or the ladder came, so the ladder of the next
    days knows; erased by /delete, exported by /export."""
    await services.storage.care.mark_offered(user.user_id, day or _today(services, user))


def _today(services: Services, user: User) -> date:
    return local_date(services.clock.now(), ZoneInfo(user.timezone))
