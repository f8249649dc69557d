"""The words of care: the closing line after a check-in and the support ladder."""

from __future__ import annotations

from random import Random
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.care.rule import RECENT, Scale, countries_of, ladder_due, low_scales
from bot.core.replies import send
from bot.core.schedule import local_date
from bot.core.services import Services
from bot.core.texts import Catalog
from storage import User

HELPLINES = {"BE": "care.ladder.belgium", "NL": "care.ladder.netherlands"}


def closing_line(texts: Catalog, lang: str, low: frozenset[Scale], rng: Random) -> str:
    """A warm close that follows which scale was low; the usual thanks when none was."""
    if not low:
        return texts.choice(lang, "checkin.thanks", rng)
    key = "both" if len(low) == 2 else next(iter(low))
    return texts.choice(lang, f"care.closing.{key}", rng)


def ladder(texts: Catalog, lang: str, timezone: str | None, *, stretch: bool = False) -> str:
    """The support ladder: people first, then the helplines of the user's country, 112."""
    countries = countries_of(timezone)
    confidant = "both" if len(countries) == 2 else countries[0].lower()

    def say(key: str) -> str:
        return texts.text(lang, f"care.ladder.{key}")

    steps = [say(k) for k in ("colleague", "leader", f"confidant_{confidant}", "doctor")]
    lines = [texts.text(lang, HELPLINES[c]) for c in countries]
    intro = say("stretch" if stretch else "anytime")
    body = "\n".join(steps) + "\n\n" + "\n".join([*lines, say("danger")])
    return f"{say('title')}\n{intro}\n{body}\n\n{say('not_therapy')}"


async def send_closing(services: Services, bot: Bot, user: User, checkin_id: int) -> None:
    """Close a finished check-in: thanks, or after a low score a warm line, and the ladder
    when the scales stayed low (then remembered, so it waits a few days before coming back)."""
    steps = await services.storage.checkins.steps(checkin_id)
    scores = {s.kind: s.score for s in steps if s.kind != "question"}
    low = low_scales(scores.get("energy"), scores.get("boundaries"))
    text = closing_line(services.texts, user.language, low, services.rng)
    care = services.storage.care
    day = local_date(services.clock.now(), ZoneInfo(user.timezone))
    due = bool(low) and ladder_due(
        await care.recent_scales(user.user_id, RECENT), await care.last_offered(user.user_id), day
    )
    if due:
        text += "\n\n" + ladder(services.texts, user.language, user.timezone, stretch=True)
    await send(bot, user.chat_id, text)
    if due:
        await care.mark_offered(user.user_id, day)


async def show_ladder(services: Services, bot: Bot, user: User) -> None:
    """The support ladder on request (/steun, /support), with the lines of the user's country."""
    await send(bot, user.chat_id, ladder(services.texts, user.language, user.timezone))
