"""The verrekijker's decisions and reading: which week, the history it looks at, the text of a
view, whether a nudge helps. No Telegram here: dialog.py sends."""

from __future__ import annotations

from datetime import date, timedelta

from bot.checkin.service import today
from bot.core.services import Services
from bot.verrekijker import (
    DEFAULT_WEEKS,
    build_overview,
    build_week,
    render_next,
    render_overview,
    render_week,
    split_messages,
    week_start,
)
from storage import ReflectionDay, User

MESSAGE_LIMIT = 4096


def compose(
    services: Services, user: User, history: list[ReflectionDay], view: str, week: date
) -> list[str]:
    """The text of one view ("week", "weeks" or "all") of a week, as messages."""
    lang, texts, content = user.language, services.texts, services.content
    overview = build_overview(history, week, content, None if view == "all" else DEFAULT_WEEKS)
    if view == "week":
        week_view = build_week(history, week, content)
        sections = render_week(week_view, lang, texts, content, user.timezone)
    else:
        sections = render_overview(overview, lang, texts)
    return split_messages([*sections, render_next(overview, lang, texts, content)])


def current_week(services: Services, user: User) -> date:
    """Monday of the user's current local week."""
    return week_start(today(services, user))


async def load_history(services: Services, user: User, week: date) -> list[ReflectionDay]:
    """Everything up to the end of the week in view (older weeks feed the zoom out)."""
    return await services.storage.history.history(user.user_id, until=week + timedelta(days=6))


async def view_text(services: Services, user: User, view: str, week: date) -> str:
    """One message-sized text of a view, for editing the message with the buttons."""
    history = await load_history(services, user, week)
    messages = compose(services, user, history, view, week)
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
