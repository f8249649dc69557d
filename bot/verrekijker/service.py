"""The verrekijker's decisions and reading: which week, the history it looks at, the text of a
view, whether a nudge helps. No Telegram here: dialog.py sends."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.checkin.service import quote, today
from bot.core.services import Services
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
from storage import ReflectionDay, User
from storage.cycle import IntentionPair

MESSAGE_LIMIT = 4096


def compose(
    services: Services,
    user: User,
    history: list[ReflectionDay],
    view: str,
    week: date,
    intention: IntentionPair | None = None,
) -> list[str]:
    """The text of one view ("week", "weeks" or "all") of a week, as messages; the week's
    view shows the intention she set the week before, with how it went."""
    lang, texts, content = user.language, services.texts, services.content
    overview = build_overview(history, week, content, None if view == "all" else DEFAULT_WEEKS)
    sections: list[Section | str]
    if view == "week":
        week_view = build_week(history, week, content)
        sections = [*render_week(week_view, lang, texts, content, user.timezone)]
        if intention is not None:
            sections.append(_intention_text(services, lang, intention))
    else:
        sections = [*render_overview(overview, lang, texts)]
    return split_messages([*sections, render_next(overview, lang, texts, content)])


def _intention_text(services: Services, lang: str, pair: IntentionPair) -> str:
    texts = services.texts
    text = texts.text(lang, "cycle.week_intention", intention=escape(quote(pair.text)))
    if pair.outcome is not None:
        text += "\n" + texts.text(lang, "cycle.week_outcome", outcome=escape(quote(pair.outcome)))
    return text


async def intention_of(services: Services, user: User, week: date) -> IntentionPair | None:
    """The intention she set in the week before this one (the last, if more), if any."""
    pairs = await services.storage.cycle.intentions(user.user_id)
    before = [p for p in pairs if week - timedelta(days=7) <= p.set_on < week]
    return before[-1] if before else None


def current_week(services: Services, user: User) -> date:
    """Monday of the user's current local week."""
    return week_start(today(services.clock, user))


async def load_history(services: Services, user: User, week: date) -> list[ReflectionDay]:
    """Everything up to the end of the week in view (older weeks feed the zoom out)."""
    return await services.storage.history.history(user.user_id, until=week + timedelta(days=6))


async def view_text(services: Services, user: User, view: str, week: date) -> str:
    """One message-sized text of a view, for editing the message with the buttons."""
    history = await load_history(services, user, week)
    intention = await intention_of(services, user, week) if view == "week" else None
    messages = compose(services, user, history, view, week, intention)
    if len(messages) == 1:
        return messages[0]
    more = "\n\n" + services.texts.text(user.language, "weekly.more")
    return split_messages([messages[0]], MESSAGE_LIMIT - len(more))[0] + more


async def nudge_needed(services: Services, user: User, day: date) -> bool:
    """A nudge helps only when nothing was reflected yet this week and no check-in came today."""
    storage = services.storage
    if await storage.history.reflection_days(user.user_id, week_start(day), day) > 0:
        return False
    checkin = await storage.checkins.for_date(user.user_id, day)
    return checkin is None or not checkin.delivered
