"""The daily check-in's decisions and records: which check-in, which step, who took up a
signpost. No Telegram here: bot/checkin/steps.py asks the steps."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.checkin import cycle
from bot.checkin.rotation import plan_checkin
from bot.core.schedule import local_date
from bot.core.services import Services
from storage import Checkin, Step, Trigger, User
from storage.cycle import CYCLE


def today(services: Services, user: User) -> date:
    """The user's local date now."""
    return local_date(services.clock.now(), ZoneInfo(user.timezone))


async def create_checkin(services: Services, user: User, day: date, trigger: Trigger) -> Checkin:
    """The check-in of that day: created from the rotation, or the one that already exists."""
    checkins = services.storage.checkins
    signpost = services.content.signpost(user.language, user.next_signpost)
    history = await checkins.rotation_history(user.user_id, signpost.number)
    plan = plan_checkin(signpost, history, user.questions_per_checkin, services.rng)
    extra = await cycle.cycle_step(services, user, day, plan.signpost)
    created = await checkins.create(
        user_id=user.user_id,
        local_date=day,
        signpost=plan.signpost,
        prompt_id=plan.prompt_id,
        prompt_text=plan.prompt_text,
        trigger=trigger,
        steps=cycle.with_cycle_step(plan.steps, extra),
        now=services.clock.now(),
    )
    existing = created or await checkins.for_date(user.user_id, day)
    assert existing is not None
    return existing


async def engaged(services: Services, step: Step, user: User | None = None) -> None:
    """The user took up this signpost: the next check-in brings the next one.

    A check-in left untouched brings the same signpost again, so no signpost is skipped.
    `user`: as read in this handling (in the person's turn), to skip a write that would
    change nothing.
    """
    if user is not None and user.next_signpost != step.signpost:
        return  # taken up already (an earlier answer of this check-in): nothing to write
    if step.question_id is not None and step.question_id.startswith(CYCLE):
        return  # the weekly talk, a look-back or an intention's return: no signpost taken up
    await services.storage.users.advance_signpost(step.user_id, step.signpost)


async def last_question(services: Services, checkin_id: int) -> Step | None:
    """The check-in's last question the user was shown."""
    steps = await services.storage.checkins.steps(checkin_id)
    questions = [s for s in steps if s.kind == "question" and s.state != "pending" and not s.unsent]
    return questions[-1] if questions else None
