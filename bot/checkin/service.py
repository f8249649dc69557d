"""The daily check-in's decisions and records: which check-in to deliver or to ask again. Its
progress through the steps is progress.py, where an answer belongs and what is stored is
answering.py. No Telegram here: the dialog (bot/checkin/dialog/) asks the steps and acts on the
plain outcomes returned here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.checkin import cycle
from bot.checkin.cycle import quote as quote  # her words quoted back, as the verrekijker does too
from bot.checkin.rotation import plan_checkin
from bot.core.schedule import local_date
from bot.core.services import Services
from storage import Checkin, Step, Trigger, User


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


# Asking the steps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Today:
    """What /today does: deliver a check-in (a new one, or one whose scheduled send failed),
    ask its open step again, or neither (done for today)."""

    deliver: Checkin | None = None
    resend: Step | None = None


async def start_today(services: Services, user: User) -> Today:
    """/today: today's check-in, created when there is none yet."""
    checkins = services.storage.checkins
    checkin = await checkins.for_date(user.user_id, today(services, user))
    if checkin is not None and not checkin.delivered:  # a scheduled send that failed
        return Today(deliver=checkin)
    open_step = await checkins.open_step(user.user_id)
    if checkin is not None and open_step is not None and open_step.checkin_id == checkin.id:
        return Today(resend=open_step)
    if checkin is not None:
        return Today()
    return Today(deliver=await create_checkin(services, user, today(services, user), "on_demand"))


async def scheduled_checkin(services: Services, user: User, day: date) -> Checkin | None:
    """The day's scheduled check-in to deliver; None when /today already brought it."""
    checkin = await services.storage.checkins.for_date(user.user_id, day)
    if checkin is not None and checkin.delivered:
        return None
    return checkin or await create_checkin(services, user, day, "scheduled")


async def weekly_talk(services: Services, user: User) -> Checkin | None:
    """Today's weekly talk (created once), or None when it was delivered already."""
    talk = await cycle.start_weekly_talk(services, user, today(services, user))
    return None if talk.delivered else talk
