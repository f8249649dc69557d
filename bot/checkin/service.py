"""The daily check-in's decisions and records: `Checkins`, the feature bound once to what it
reads and writes, and which check-in to deliver or to ask again. Its progress through the steps
is progress.py, where an answer belongs and what is stored is answering.py. No Telegram here:
the dialog (bot/checkin/dialog/) asks the steps and acts on the plain outcomes returned here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from bot.care.service import Care
from bot.checkin import cycle
from bot.checkin.cycle import quote as quote  # her words quoted back, as the verrekijker does too
from bot.checkin.rotation import plan_checkin
from bot.core.clock import Clock
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.core.texts import Catalog
from prompts import Content
from storage import Checkin, Step, Trigger, User
from storage.checkins import CheckinRepository
from storage.cycle import CycleRepository
from storage.pending import PendingRepository
from storage.users import UserRepository


@dataclass(frozen=True)
class Checkins:
    """The daily check-in, bound once (bot/app.py) to what it reads and writes: the check-ins
    with their steps and answers, the users (the signpost taken up), the answers the guard
    holds back, what the reflective cycle brings back, the signposts, the texts, the
    randomness of the rotation, the clock, and care (the closing, the lines after heavy
    words). The handlers reach it through the typed context (`context.part(Checkins)`) and
    hand it to the dialog."""

    repo: CheckinRepository
    users: UserRepository
    pending: PendingRepository
    cycle: CycleRepository
    content: Content
    texts: Catalog
    rng: Random
    clock: Clock
    care: Care

    @classmethod
    def bound(cls, services: Services) -> Checkins:
        """Bound to the application's storage, content, texts, randomness and clock, and to
        care bound to the same."""
        storage = services.storage
        return cls(
            storage.checkins,
            storage.users,
            storage.pending,
            storage.cycle,
            services.content,
            services.texts,
            services.rng,
            services.clock,
            Care.bound(services),
        )


async def create_checkin(checkins: Checkins, user: User, day: date, trigger: Trigger) -> Checkin:
    """The check-in of that day: created from the rotation, or the one that already exists."""
    signpost = checkins.content.signpost(user.language, user.next_signpost)
    history = await checkins.repo.rotation_history(user.user_id, signpost.number)
    plan = plan_checkin(signpost, history, user.questions_per_checkin, checkins.rng)
    extra = await cycle.cycle_step(checkins, user, day, plan.signpost)
    created = await checkins.repo.create(
        user_id=user.user_id,
        local_date=day,
        signpost=plan.signpost,
        prompt_id=plan.prompt_id,
        prompt_text=plan.prompt_text,
        trigger=trigger,
        steps=cycle.with_cycle_step(plan.steps, extra),
        now=checkins.clock.now(),
    )
    existing = created or await checkins.repo.for_date(user.user_id, day)
    assert existing is not None
    return existing


@dataclass(frozen=True)
class Today:
    """What /today does: deliver a check-in (a new one, or one whose scheduled send failed),
    ask its open step again, or neither (done for today)."""

    deliver: Checkin | None = None
    resend: Step | None = None


async def start_today(checkins: Checkins, user: User) -> Today:
    """/today: today's check-in, created when there is none yet."""
    day = local_today(checkins.clock, user.timezone)
    checkin = await checkins.repo.for_date(user.user_id, day)
    if checkin is not None and not checkin.delivered:  # a scheduled send that failed
        return Today(deliver=checkin)
    open_step = await checkins.repo.open_step(user.user_id)
    if checkin is not None and open_step is not None and open_step.checkin_id == checkin.id:
        return Today(resend=open_step)
    if checkin is not None:
        return Today()
    return Today(deliver=await create_checkin(checkins, user, day, "on_demand"))


async def scheduled_checkin(checkins: Checkins, user: User, day: date) -> Checkin | None:
    """The day's scheduled check-in to deliver; None when /today already brought it."""
    checkin = await checkins.repo.for_date(user.user_id, day)
    if checkin is not None and checkin.delivered:
        return None
    return checkin or await create_checkin(checkins, user, day, "scheduled")


async def weekly_talk(checkins: Checkins, user: User) -> Checkin | None:
    """Today's weekly talk (created once), or None when it was delivered already."""
    talk = await cycle.start_weekly_talk(checkins, user, local_today(checkins.clock, user.timezone))
    return None if talk.delivered else talk
