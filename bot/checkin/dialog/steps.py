"""The daily check-in in the chat: send it, ask its steps one at a time, close it.

Which check-in and which step is the service's (bot/checkin/service.py, progress.py); this
sends.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from telegram import Bot
from telegram.error import TimedOut

from bot.care import dialog as care
from bot.checkin import progress, service
from bot.checkin import views as render
from bot.checkin.progress import NOT_OPENED, Finished, NotOpened
from bot.checkin.service import Checkins
from bot.core.kinds import Provided
from bot.core.replies import retouch, send
from bot.core.runtime import Runtime
from bot.delivery.due import addressee
from bot.delivery.errors import Skip
from storage import Checkin, OutboxItem, Step, User

StartOutcome = Literal["started", "resent", "done_today"]


async def deliver(checkins: Checkins, bot: Bot, user: User, checkin: Checkin) -> None:
    """Send the check-in's first step with the signpost intro. Raises TelegramError.

    A step an earlier attempt opened (and failed to send) is the one sent again: a retry
    never opens the next step, so the user is asked what the check-in stored.
    """
    step = await progress.first_step(checkins, checkin)
    await send_step(checkins, bot, user, step, checkin=checkin)
    await progress.delivered(checkins, checkin)


async def deliver_scheduled(
    provided: Provided, runtime: Runtime, bot: Bot, item: OutboxItem
) -> None:
    """The day's check-in, unless /today already brought it.

    In the person's turn, as their updates are handled (/delete included): an erase either
    came first, and nothing is sent, or waits until this send is done.
    """
    checkins = provided.part(Checkins)
    day = date.fromisoformat(item.period)
    async with runtime.user_lock(item.user_id or 0):
        user = await addressee(checkins.users, item)
        checkin = await service.scheduled_checkin(checkins, user, day)
        if checkin is None:
            raise Skip("already delivered")
        await deliver(checkins, bot, user, checkin)


async def start_now(checkins: Checkins, runtime: Runtime, bot: Bot, user: User) -> StartOutcome:
    """/today: today's check-in now, or the question still open."""
    async with runtime.user_lock(user.user_id):
        return await _start_now(checkins, bot, user)


async def _start_now(checkins: Checkins, bot: Bot, user: User) -> StartOutcome:
    today = await service.start_today(checkins, user)
    if today.deliver is not None:
        await deliver(checkins, bot, user, today.deliver)
        return "started"
    if today.resend is not None:
        await send_step(checkins, bot, user, today.resend)
        return "resent"
    return "done_today"


async def send_step(
    checkins: Checkins, bot: Bot, user: User, step: Step, *, checkin: Checkin | None = None
) -> None:
    """Ask one step; with `checkin`, its intro comes first in the same message (the
    signpost's, or the weekly talk's)."""
    texts, lang = checkins.texts, user.language
    text = render.step_text(texts, lang, step)
    if checkin is not None and checkin.kind == "weekly":
        text = texts.text(lang, "cycle.intro") + "\n\n" + text
    elif checkin is not None:
        signpost = checkins.content.signpost(lang, checkin.signpost)
        text = render.signpost_intro(texts, lang, signpost, checkin) + "\n\n" + text
    try:
        message = await send(bot, user.chat_id, text, render.step_keyboard(texts, lang, step))
    except TimedOut:
        # It may well have arrived: count it as seen, so the answer that follows is its own.
        await progress.step_sent(checkins, step, None)
        raise
    await progress.step_sent(checkins, step, message.message_id)


async def advance(
    checkins: Checkins,
    bot: Bot,
    user: User,
    checkin_id: int,
    *,
    opened: Step | NotOpened | None = NOT_OPENED,
) -> None:
    """Ask the next step, or close the check-in (thanks, or care after a low score).

    `opened`: the next step as opened already with the answer before it (None: none was
    left), so it is not looked for again.
    """
    following = await progress.next_step(checkins, checkin_id, opened=opened)
    if not isinstance(following, Finished):
        await send_step(checkins, bot, user, following)
        return
    if following.weekly and not following.heavy:
        await send(bot, user.chat_id, checkins.texts.text(user.language, "cycle.closing"))
        return
    await care.send_closing(checkins.care, bot, user, checkin_id, distress=following.heavy)


async def record_score(
    checkins: Checkins,
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
    closed = await progress.close_step(checkins, user, step, score=score, message_id=message_id)
    if closed:
        await _show_closed(checkins, bot, user, step, score)
        await advance(checkins, bot, user, step.checkin_id)
    return closed


async def skip(checkins: Checkins, bot: Bot, user: User, step: Step) -> bool:
    """Skip a step and move on; False when the step was no longer open."""
    closed = await progress.close_step(checkins, user, step)
    if closed:
        await _show_closed(checkins, bot, user, step, None)
        await advance(checkins, bot, user, step.checkin_id)
    return closed


async def _show_closed(
    checkins: Checkins, bot: Bot, user: User, step: Step, score: int | None
) -> None:
    if step.kind == "question":
        await drop_buttons(bot, user, step)
        return
    text = render.scored_text(checkins.texts, user.language, step, score)
    await retouch(bot, user.chat_id, step.message_id, text)


async def drop_buttons(bot: Bot, user: User, step: Step) -> None:
    """Remove the skip button from an answered question (cosmetic; failures are fine)."""
    await retouch(bot, user.chat_id, step.message_id)
