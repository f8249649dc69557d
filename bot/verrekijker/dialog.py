"""The weekly verrekijker and the midweek nudge: gather, compose, draw off the loop, send; and
their delivery as scheduled kinds (bot/verrekijker/kinds.py)."""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from zoneinfo import ZoneInfo

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot import account
from bot.checkin import dialog as checkin
from bot.checkin.service import Checkins
from bot.core.kinds import Provided
from bot.core.replies import Screen, acknowledge, edit, send, send_picture
from bot.core.runtime import Runtime
from bot.core.schedule import local_date
from bot.delivery.due import addressee
from bot.delivery.errors import Skip
from bot.delivery.parts import Parts
from bot.verrekijker import (
    DEFAULT_WEEKS,
    build_overview,
    build_week,
    caption,
    views,
)
from bot.verrekijker.callbacks import VerrekijkerView
from bot.verrekijker.service import (
    Verrekijker,
    compose,
    current_week,
    intention_of,
    load_history,
    nudge_needed,
    view_text,
)
from storage import OutboxItem, ReflectionDay, User

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096


async def send_verrekijker(
    verrekijker: Verrekijker,
    runtime: Runtime,
    bot: Bot,
    user: User,
    week: date,
    parts: Parts | None = None,
) -> None:
    """The picture with a short caption, then the week view with its buttons.

    The chart is drawn in a worker process; if the photo cannot be sent, the text still goes.
    With `parts` (from the outbox), a retry sends only what an earlier attempt did not.
    """
    parts = parts or Parts()
    history = await load_history(verrekijker, user, week)
    await parts.send(partial(_send_picture, verrekijker, runtime, bot, user, history, week))
    intention = await intention_of(verrekijker, user, week)
    messages = compose(verrekijker, user, history, "week", week, intention)
    for position, text in enumerate(messages):
        last = position == len(messages) - 1
        buttons = _keyboard(verrekijker, user, "week", week) if last else None
        await parts.send(partial(send, bot, user.chat_id, text, buttons))


async def deliver_verrekijker(
    provided: Provided, runtime: Runtime, bot: Bot, item: OutboxItem
) -> None:
    """The weekly look back, for the week in the item's period (in the person's turn)."""
    verrekijker = provided.part(Verrekijker)
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(verrekijker.users, item)
        # A retry resumes after the parts already sent.
        parts = await Parts.of(verrekijker.outbox, item)
        week = date.fromisoformat(item.period)
        await send_verrekijker(verrekijker, runtime, bot, user, week, parts)
        # Then the weekly talk: what strikes her, and what she wants to try next week.
        await parts.send(partial(checkin.start_talk, provided.part(Checkins), bot, user))


async def deliver_nudge(provided: Provided, runtime: Runtime, bot: Bot, item: OutboxItem) -> None:
    """The midweek nudge, if the user still has not reflected that week (in their turn)."""
    verrekijker = provided.part(Verrekijker)
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(verrekijker.users, item)
        day = local_date(item.due_at, ZoneInfo(user.timezone))
        if not account.nudge_fits(user, day):  # settings as they are now, not when queued
            raise Skip("nudges off, or a check-in comes that day")
        if not await nudge_needed(verrekijker, user, day):
            raise Skip("reflected already this week")
        await send_nudge(verrekijker, bot, user)


async def send_this_week(verrekijker: Verrekijker, runtime: Runtime, bot: Bot, user: User) -> None:
    """/verrekijker: this week through the binoculars, with the picture."""
    await send_verrekijker(verrekijker, runtime, bot, user, current_week(verrekijker, user))


async def _send_picture(
    verrekijker: Verrekijker,
    runtime: Runtime,
    bot: Bot,
    user: User,
    history: list[ReflectionDay],
    week: date,
) -> None:
    """The week's chart; a picture that cannot be drawn or sent is left out, not retried
    (only a chart worker that died gets one more try, in the pool)."""
    lang, texts, content = user.language, verrekijker.texts, verrekijker.content
    week_view = build_week(history, week, content)
    baseline = build_overview(history, week, content, DEFAULT_WEEKS).baseline
    try:
        png = await runtime.charts.render(week_view, baseline, lang)
        await send_picture(
            bot, user.chat_id, png, "verrekijker.png", caption(week_view, lang, texts)
        )
    except Forbidden:
        raise
    except (TelegramError, ValueError, RuntimeError) as error:
        log.warning(
            "verrekijker picture not sent to user %s (%s); text follows",
            user.user_id,
            type(error).__name__,
        )


async def send_nudge(verrekijker: Verrekijker, bot: Bot, user: User) -> None:
    """A gentle midweek word; the outbox makes sure it comes at most once a week."""
    text = verrekijker.texts.choice(user.language, "weekly.nudge", verrekijker.rng)
    await send(bot, user.chat_id, text)


async def show_view(
    verrekijker: Verrekijker, query: CallbackQuery, user: User, payload: VerrekijkerView | None
) -> None:
    """A tap on zoom in / zoom out / previous / next: the same message shows that view.

    Views are computed from the tapping user's own data only, so an old or forged button
    can at most show their own weeks; a week in the future is refused politely.
    """
    if payload is None or payload.week > current_week(verrekijker, user):
        await acknowledge(query, verrekijker.texts.text(user.language, "errors.expired"))
        return
    await acknowledge(query)
    text = await view_text(verrekijker, user, payload.view, payload.week)
    await edit(query, Screen(text, _keyboard(verrekijker, user, payload.view, payload.week)))


def _keyboard(verrekijker: Verrekijker, user: User, view: str, week: date) -> InlineKeyboardMarkup:
    """The view's buttons: up to her current week, and the Mini App's when it is served."""
    this_week = current_week(verrekijker, user)
    return views.keyboard(
        verrekijker.texts, user.language, view, week, this_week, verrekijker.webapp_url
    )
