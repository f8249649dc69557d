"""The daily check-in in the chat: send it, ask its steps one at a time, close it."""

from __future__ import annotations

from typing import Literal

from telegram import Bot
from telegram.error import TimedOut

from bot.care import dialog as care
from bot.checkin import views as render
from bot.checkin.service import create_checkin, engaged, today
from bot.core.handling import defer_step_sent
from bot.core.replies import retouch, send
from bot.core.runtime import Runtime
from bot.core.services import Services
from storage import Checkin, Step, User

StartOutcome = Literal["started", "resent", "done_today"]


async def deliver(services: Services, bot: Bot, user: User, checkin: Checkin) -> None:
    """Send the check-in's first step with the signpost intro. Raises TelegramError.

    A step an earlier attempt opened (and failed to send) is the one sent again: a retry
    never opens the next step, so the user is asked what the check-in stored.
    """
    checkins = services.storage.checkins
    steps = await checkins.steps(checkin.id)
    step = next((s for s in steps if s.state == "open"), None)
    if step is None:
        step = await checkins.open_next_step(checkin.id, services.clock.now())
    assert step is not None
    await send_step(services, bot, user, step, checkin=checkin)
    await checkins.mark_delivered(checkin.id, services.clock.now())


async def start_now(services: Services, runtime: Runtime, bot: Bot, user: User) -> StartOutcome:
    """/today: today's check-in now, or the question still open."""
    async with runtime.user_lock(user.user_id):
        return await _start_now(services, bot, user)


async def _start_now(services: Services, bot: Bot, user: User) -> StartOutcome:
    checkins = services.storage.checkins
    checkin = await checkins.for_date(user.user_id, today(services, user))
    if checkin is not None and not checkin.delivered:  # a scheduled send that failed
        await deliver(services, bot, user, checkin)
        return "started"
    open_step = await checkins.open_step(user.user_id)
    if checkin is not None and open_step is not None and open_step.checkin_id == checkin.id:
        await send_step(services, bot, user, open_step)
        return "resent"
    if checkin is not None:
        return "done_today"
    checkin = await create_checkin(services, user, today(services, user), "on_demand")
    await deliver(services, bot, user, checkin)
    return "started"


async def send_step(
    services: Services, bot: Bot, user: User, step: Step, *, checkin: Checkin | None = None
) -> None:
    """Ask one step; with `checkin`, its intro comes first in the same message (the
    signpost's, or the weekly talk's)."""
    texts, lang = services.texts, user.language
    text = render.step_text(texts, lang, step)
    if checkin is not None and checkin.kind == "weekly":
        text = texts.text(lang, "cycle.intro") + "\n\n" + text
    elif checkin is not None:
        signpost = services.content.signpost(lang, checkin.signpost)
        text = render.signpost_intro(texts, lang, signpost, checkin) + "\n\n" + text
    try:
        message = await send(bot, user.chat_id, text, render.step_keyboard(texts, lang, step))
    except TimedOut:
        # It may well have arrived: count it as seen, so the answer that follows is its own.
        await _sent(services, step, None)
        raise
    await _sent(services, step, message.message_id)


async def _sent(services: Services, step: Step, message_id: int | None) -> None:
    """Record the step as sent: with the update's finish when one is being handled (one
    statement fewer, bot/core/handling.py), else now."""
    if not defer_step_sent(step.id, message_id):
        await services.storage.checkins.set_step_message(step.id, message_id)


class _NotOpened:
    """advance() opens the next step itself (the default)."""


NOT_OPENED = _NotOpened()


async def advance(
    services: Services,
    bot: Bot,
    user: User,
    checkin_id: int,
    *,
    opened: Step | _NotOpened | None = NOT_OPENED,
) -> None:
    """Ask the next step, or close the check-in (thanks, or care after a low score).

    `opened`: the next step as opened already with the answer before it (None: none was
    left), so it is not looked for again.
    """
    checkins = services.storage.checkins
    if isinstance(opened, _NotOpened):
        step = await checkins.open_next_step(checkin_id, services.clock.now())
    else:
        step = opened
    if step is not None:
        await send_step(services, bot, user, step)
        return
    await checkins.complete(checkin_id, services.clock.now())
    checkin = await checkins.get(checkin_id)
    heavy = checkin is not None and checkin.care_mark in ("self", "paused")
    if checkin is not None and checkin.kind == "weekly" and not heavy:
        await send(bot, user.chat_id, services.texts.text(user.language, "cycle.closing"))
        return
    await care.send_closing(services, bot, user, checkin_id, distress=heavy)


async def record_score(
    services: Services,
    bot: Bot,
    user: User,
    step: Step,
    score: int,
    *,
    message_id: int | None = None,
) -> bool:
    """Store a scale value and move on; False when the step was no longer open.

    `message_id`: the user's message when the score was typed, so a replay is recognised.
    """
    closed = await services.storage.checkins.close_step(
        step.id, state="answered", score=score, now=services.clock.now(), message_id=message_id
    )
    if closed:
        await engaged(services, step, user)
        await _show_closed(services, bot, user, step, score)
        await advance(services, bot, user, step.checkin_id)
    return closed


async def skip(services: Services, bot: Bot, user: User, step: Step) -> bool:
    """Skip a step and move on; False when the step was no longer open."""
    closed = await services.storage.checkins.close_step(
        step.id, state="skipped", now=services.clock.now()
    )
    if closed:
        await engaged(services, step, user)
        await _show_closed(services, bot, user, step, None)
        await advance(services, bot, user, step.checkin_id)
    return closed


async def _show_closed(
    services: Services, bot: Bot, user: User, step: Step, score: int | None
) -> None:
    if step.kind == "question":
        await drop_buttons(bot, user, step)
        return
    text = render.scored_text(services.texts, user.language, step, score)
    await retouch(bot, user.chat_id, step.message_id, text)


async def drop_buttons(bot: Bot, user: User, step: Step) -> None:
    """Remove the skip button from an answered question (cosmetic; failures are fine)."""
    await retouch(bot, user.chat_id, step.message_id)
