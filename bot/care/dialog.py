"""The words of care: the closing line after a check-in and the support ladder."""

from __future__ import annotations

from random import Random
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.care.helplines import helplines, write_lines
from bot.care.rule import RECENT, Scale, ladder_due, low_scales, lowest_today
from bot.core.replies import send
from bot.core.schedule import local_date
from bot.core.services import Services
from bot.core.texts import Catalog
from storage import User

# Who at work to turn to, by the country of the user's timezone.
CONFIDANTS = {"BE": "confidant_be", "NL": "confidant_nl"}


def closing_line(texts: Catalog, lang: str, low: frozenset[Scale], rng: Random) -> str:
    """A warm close that follows which scale was low; the usual thanks when none was."""
    if not low:
        return texts.choice(lang, "checkin.thanks", rng)
    key = "both" if len(low) == 2 else next(iter(low))
    return texts.choice(lang, f"care.closing.{key}", rng)


def ladder(texts: Catalog, lang: str, timezone: str | None, *, intro: str = "anytime") -> str:
    """The support ladder: people first, then the lines of the user's country, the emergency
    number. `intro`: "anytime" (/steun), "stretch" (a low stretch) or "low_today" (a 1)."""

    def say(key: str) -> str:
        return texts.text(lang, f"care.ladder.{key}")

    confidant = CONFIDANTS.get(helplines().country(timezone) or "", "confidant_other")
    steps = [say(k) for k in ("colleague", "leader", confidant, "doctor")]
    lines = write_lines(texts, lang, timezone)
    body = "\n".join(steps) + f"\n\n{say('lines')}\n{lines}"
    return f"{say('title')}\n{say(intro)}\n{body}\n\n{say('not_therapy')}"


async def send_closing(
    services: Services, bot: Bot, user: User, checkin_id: int, *, distress: bool = False
) -> None:
    """Close a finished check-in: thanks, or after a low score a warm line, and the ladder
    when a scale was at 1 or the scales stayed low (then remembered, so a low stretch waits a
    few days before it comes back). After heavy words (`distress`) only a quiet line: the
    lines came already, and nothing celebrates."""
    texts = services.texts
    if distress:
        await send(bot, user.chat_id, texts.text(user.language, "care.closing.after_distress"))
        return
    steps = await services.storage.checkins.steps(checkin_id)
    scores = {s.kind: s.score for s in steps if s.kind != "question"}
    energy, boundaries = scores.get("energy"), scores.get("boundaries")
    low = low_scales(energy, boundaries)
    text = closing_line(texts, user.language, low, services.rng)
    care = services.storage.care
    day = local_date(services.clock.now(), ZoneInfo(user.timezone))
    due = bool(low) and ladder_due(
        await care.recent_scales(user.user_id, RECENT), await care.last_offered(user.user_id), day
    )
    if due:
        intro = "low_today" if lowest_today(energy, boundaries) else "stretch"
        text += "\n\n" + ladder(texts, user.language, user.timezone, intro=intro)
    await send(bot, user.chat_id, text)
    if due:
        await care.mark_offered(user.user_id, day)


async def show_ladder(services: Services, bot: Bot, user: User) -> None:
    """The support ladder on request (/steun, /support), with the lines of the user's country."""
    await send(bot, user.chat_id, ladder(services.texts, user.language, user.timezone))
