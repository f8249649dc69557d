"""The verrekijker's decisions and reading: which week, the history it looks at, the text of a
view, whether a nudge helps. No Telegram here: dialog.py sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from random import Random

from bot.checkin.service import quote
from bot.core.clock import Clock
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.core.texts import Catalog
from bot.verrekijker import (
    DEFAULT_WEEKS,
    Section,
    build_overview,
    build_week,
    render_next,
    render_overview,
    render_week,
    split_messages,
    week_start,
)
from prompts import Content
from storage import ReflectionDay, User
from storage.checkins import CheckinRepository
from storage.cycle import CycleRepository, IntentionPair
from storage.history import HistoryRepository
from storage.outbox import OutboxRepository
from storage.users import UserRepository

MESSAGE_LIMIT = 4096


@dataclass(frozen=True)
class Verrekijker:
    """/verrekijker, its buttons, the weekly look back and the midweek nudge, bound once
    (bot/app.py) to what they read: her history, her intentions, the day's check-in (the nudge
    waits for none), the content and texts of a view, the randomness of the nudge's line, the
    clock, and where the Mini App is served (None: no button). The handlers reach it through the
    typed context (`context.part(Verrekijker)`) and hand it to the dialog."""

    history: HistoryRepository
    cycle: CycleRepository
    checkins: CheckinRepository
    users: UserRepository  # the addressee of a scheduled one, still there and not paused
    outbox: OutboxRepository  # how far a scheduled one's parts went out
    content: Content
    texts: Catalog
    rng: Random
    clock: Clock
    webapp_url: str | None

    @classmethod
    def bound(cls, services: Services) -> Verrekijker:
        """Bound to the application's storage, content, texts, randomness, clock and Mini App."""
        return cls(
            history=services.storage.history,
            cycle=services.storage.cycle,
            checkins=services.storage.checkins,
            users=services.storage.users,
            outbox=services.storage.outbox,
            content=services.content,
            texts=services.texts,
            rng=services.rng,
            clock=services.clock,
            webapp_url=services.settings.webapp_url,
        )


def compose(
    verrekijker: Verrekijker,
    user: User,
    history: list[ReflectionDay],
    view: str,
    week: date,
    intention: IntentionPair | None = None,
) -> list[str]:
    """The text of one view ("week", "weeks" or "all") of a week, as messages; the week's
    view shows the intention she set the week before, with how it went."""
    lang, texts, content = user.language, verrekijker.texts, verrekijker.content
    overview = build_overview(history, week, content, None if view == "all" else DEFAULT_WEEKS)
    sections: list[Section | str]
    if view == "week":
        week_view = build_week(history, week, content)
        sections = [*render_week(week_view, lang, texts, content, user.timezone)]
        if intention is not None:
            sections.append(_intention_text(verrekijker, lang, intention))
    else:
        sections = [*render_overview(overview, lang, texts)]
    return split_messages([*sections, render_next(overview, lang, texts, content)])


def _intention_text(verrekijker: Verrekijker, lang: str, pair: IntentionPair) -> str:
    texts = verrekijker.texts
    text = texts.text(lang, "cycle.week_intention", intention=escape(quote(pair.text)))
    if pair.outcome is not None:
        text += "\n" + texts.text(lang, "cycle.week_outcome", outcome=escape(quote(pair.outcome)))
    return text


async def intention_of(verrekijker: Verrekijker, user: User, week: date) -> IntentionPair | None:
    """The intention she set in the week before this one (the last, if more), if any."""
    pairs = await verrekijker.cycle.intentions(user.user_id)
    before = [p for p in pairs if week - timedelta(days=7) <= p.set_on < week]
    return before[-1] if before else None


def current_week(verrekijker: Verrekijker, user: User) -> date:
    """Monday of the user's current local week."""
    return week_start(local_today(verrekijker.clock, user.timezone))


async def load_history(verrekijker: Verrekijker, user: User, week: date) -> list[ReflectionDay]:
    """Everything up to the end of the week in view (older weeks feed the zoom out)."""
    return await verrekijker.history.history(user.user_id, until=week + timedelta(days=6))


async def view_text(verrekijker: Verrekijker, user: User, view: str, week: date) -> str:
    """One message-sized text of a view, for editing the message with the buttons."""
    history = await load_history(verrekijker, user, week)
    intention = await intention_of(verrekijker, user, week) if view == "week" else None
    messages = compose(verrekijker, user, history, view, week, intention)
    if len(messages) == 1:
        return messages[0]
    more = "\n\n" + verrekijker.texts.text(user.language, "weekly.more")
    return split_messages([messages[0]], MESSAGE_LIMIT - len(more))[0] + more


async def nudge_needed(verrekijker: Verrekijker, user: User, day: date) -> bool:
    """A nudge helps only when nothing was reflected yet this week and no check-in came today."""
    if await verrekijker.history.reflection_days(user.user_id, week_start(day), day) > 0:
        return False
    checkin = await verrekijker.checkins.for_date(user.user_id, day)
    return checkin is None or not checkin.delivered
