"""Heavy words in a check-in: answered before any next question, and the check-in waits.

When the reader finds the writer's own distress, the lines come at once and the check-in
pauses ('paused' on the check-in) until they choose: stop here, or go on. A client's crisis
gets a word of care once per check-in, and the check-in goes on. The answer itself is stored
as they choose (the privacy guard still asks first): it is their reflection.
"""

from __future__ import annotations

from telegram import Bot
from telegram.error import TelegramError

from bot.care import Reading
from bot.care import dialog as crisis
from bot.care.callbacks import CareChoice
from bot.checkin import progress
from bot.checkin.dialog import steps
from bot.checkin.service import Checkins
from bot.core.replies import SentQuietly
from bot.ops import hooks
from storage import Step, User


async def care_for(
    checkins: Checkins, bot: Bot, user: User, step: Step | None, reading: Reading
) -> bool:
    """Answer heavy words at once; True when the check-in now waits on the user's choice.

    Raises SentQuietly when Telegram refuses the message: nothing is stored then, and the
    apology asks to send the answer again (the lines come with it).
    """
    try:
        return await _care_for(checkins, bot, user, step, reading)
    except TelegramError:
        raise SentQuietly from None


async def _care_for(
    checkins: Checkins, bot: Bot, user: User, step: Step | None, reading: Reading
) -> bool:
    if reading.concern == "self":
        checkin_id = None if step is None else step.checkin_id
        await crisis.send_crisis(checkins.care, bot, user, checkin_id=checkin_id)
        hooks.care("self")
        if step is not None:
            await progress.mark_care(checkins, step.checkin_id, "paused")
        return step is not None
    if reading.concern == "client" and step is not None and step.care_mark is None:
        await crisis.send_client_care(checkins.care, bot, user)
        hooks.care("client")
        await progress.mark_care(checkins, step.checkin_id, "client")
    return False


async def choose(checkins: Checkins, bot: Bot, user: User, choice: CareChoice) -> str | None:
    """Carry out "stop" or "go"; returns a text key to say, or None when a step was asked.

    "errors.expired" for a check-in that is not theirs or no longer waits.
    """
    outcome = await progress.choose(checkins, user, choice)
    if isinstance(outcome, str):
        return outcome
    if outcome.waiting is not None:
        await steps.send_step(checkins, bot, user, outcome.waiting)
    else:
        await steps.advance(checkins, bot, user, outcome.checkin_id)
    return None
