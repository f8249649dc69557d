"""A user's settings and schedule: registration, changes, pause and resume."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.account.changes import (
    DaysDone,
    OpenScreen,
    PauseFor,
    Resume,
    SetLanguage,
    SetLookBacks,
    SetNudges,
    SetQuestions,
    SetRetention,
    SetTime,
    SetTimezone,
    SettingChange,
    SetWeekDay,
    SetWeekTime,
    StaleSetting,
    ToggleDay,
)
from bot.account.parsing import language_from_telegram
from bot.core.clock import Clock
from bot.core.kinds import UserKinds
from bot.core.schedule import WORKDAYS, local_today, resume_after
from bot.core.sender import Sender
from bot.core.services import Services
from bot.core.texts import Catalog
from storage import Person, User
from storage.pauses import PauseRepository
from storage.users import UserRepository

DEFAULT_TIME = time(16, 30)
DEFAULT_DAYS = WORKDAYS
FIRST_STEP = "language"


@dataclass(frozen=True)
class Accounts:
    """Who wrote, onboarding and the settings, bound once (bot/app.py) to what they read and
    write: the users, their pauses, the texts, the clock, the default language and timezone of
    a newcomer, and the per-user scheduled kinds whose moments a change recomputes. The
    handlers reach it through the typed context (`context.part(Accounts)`), every feature's
    handlers to know who wrote, and hand it to the dialog."""

    users: UserRepository
    pauses: PauseRepository
    texts: Catalog
    clock: Clock
    default_language: str
    default_timezone: str
    kinds: UserKinds

    @classmethod
    def bound(cls, services: Services) -> Accounts:
        """Bound to the application's storage, texts, clock, defaults and per-user kinds."""
        return cls(
            users=services.storage.users,
            pauses=services.storage.pauses,
            texts=services.texts,
            clock=services.clock,
            default_language=services.settings.default_language,
            default_timezone=services.settings.default_timezone,
            kinds=services.user_kinds,
        )


def schedule(user: User, now: datetime, kinds: UserKinds) -> dict[str, datetime | None]:
    """The stored next moment of each of these kinds, recomputed (as fields for the repository).

    A moment already due (at or before now) stays: the schedule reader has not queued it
    yet, and a setting changed after a moment fell due never drops it. The reader and the
    deliverers still apply the new settings (a pause, nudges off) when it goes out.
    """
    moments = {}
    for kind in kinds:
        stored = user.moments.get(kind.field)
        moments[kind.field] = (
            stored if stored is not None and stored <= now else kind.next_moment(user, now)
        )
    return moments


async def current_user(accounts: Accounts, sender: Sender) -> tuple[User, bool]:
    """The sender as a stored user (created on first contact) and whether they are new."""
    language = language_from_telegram(sender.language_code, accounts.default_language)
    return await register(
        accounts, user_id=sender.user_id, chat_id=sender.chat_id, language=language
    )


async def current_person(
    accounts: Accounts, sender: Sender, message_id: int
) -> tuple[User, bool, Person | None]:
    """The sender as `current_user` gives them, with their open step and whether this message
    is stored already, in one query; no Person when they were created or changed now."""
    person = await accounts.users.person(sender.user_id, message_id)
    user = person.user
    if user is None or user.chat_id != sender.chat_id or not user.active:
        registered, new = await current_user(accounts, sender)
        return registered, new, None
    return user, False, person


async def register(
    accounts: Accounts, *, user_id: int, chat_id: int, language: str
) -> tuple[User, bool]:
    """The user, created with defaults on first contact; the flag says whether it is new."""
    users = accounts.users
    existing = await users.get(user_id)
    if existing is not None:
        if existing.chat_id != chat_id or not existing.active:
            # Writing to the bot again (after blocking it) makes the user active again.
            existing = await users.update(
                user_id, accounts.clock.now(), chat_id=chat_id, active=True
            )
        return existing, False
    user = await users.create(
        user_id=user_id,
        chat_id=chat_id,
        language=language,
        timezone=accounts.default_timezone,
        checkin_time=DEFAULT_TIME,
        days=DEFAULT_DAYS,
        onboarding_step=FIRST_STEP,
        now=accounts.clock.now(),
    )
    return user, True


async def change(accounts: Accounts, user: User, **changes: Any) -> User:
    """Apply setting changes; the stored next check-in follows when the schedule moved."""
    now = accounts.clock.now()
    if moved := [kind for kind in accounts.kinds if kind.reads & changes.keys()]:
        # The next moments follow from the changed settings: one write stores both.
        changes |= schedule(replace(user, **changes), now, tuple(moved))
    return await accounts.users.update(user.user_id, now, **changes)


async def pause(accounts: Accounts, user: User, days: int | None) -> User:
    """Pause for a number of local days (today included), or until /resume."""
    now, until = accounts.clock.now(), None
    if days is not None:
        until = local_today(accounts.clock, user.timezone) + timedelta(days=days - 1)
    # Kept as a period in UTC, so a team's past week knows its member was excused.
    ends_at = None if until is None else resume_after(until, ZoneInfo(user.timezone))
    await accounts.pauses.start(user.user_id, now, ends_at)
    return await change(accounts, user, paused=True, paused_until=until)


async def resume(accounts: Accounts, user: User) -> User:
    """End a pause."""
    await accounts.pauses.end(user.user_id, accounts.clock.now())
    return await change(accounts, user, paused=False, paused_until=None)


async def backfill_schedules(accounts: Accounts) -> int:
    """Give users from before a newer kind of scheduled message their moments (at start).

    Only missing moments are filled: one already stored (a check-in due) stays as it is.
    """
    now, done = accounts.clock.now(), 0
    for kind in accounts.kinds:
        after = 0
        while users := await accounts.users.without_moment(kind.field, after, 500):
            after = users[-1].user_id
            for user in users:
                if (moment := kind.next_moment(user, now)) is not None:
                    await accounts.users.update(user.user_id, now, **{kind.field: moment})
                    done += 1
    return done


# --- settings changes ---------------------------------------------------------------------

ONBOARDING_STEPS = ("language", "days", "time", "timezone")
SAVED = "settings.saved"


@dataclass(frozen=True)
class Applied:
    """What a settings command did: the user now, a screen to show, and a toast."""

    user: User
    screen: str | None = None  # one of changes.SCREENS; None: what follows the change
    note: str | None = None  # a catalog key


# Settings that onboarding asks for, one step each; elsewhere they are just saved.
_OnboardingAnswer = SetLanguage | DaysDone | SetTime | SetTimezone
# Settings only the settings screens change.
_Preference = SetQuestions | SetWeekDay | SetWeekTime | SetNudges | SetLookBacks | SetRetention


async def apply(accounts: Accounts, user: User, setting: SettingChange) -> Applied:
    """Carry out one settings command from a button."""
    match setting:
        case OpenScreen(screen):
            return Applied(user, screen)
        case StaleSetting():
            return Applied(user, note="errors.expired")
        case ToggleDay(day):
            if not (days := user.days ^ {day}):
                return Applied(user, "days", "errors.no_days")
            return Applied(await change(accounts, user, days=days), "days")
        case PauseFor(days):
            return Applied(await pause(accounts, user, days), note=SAVED)
        case Resume():
            return Applied(await resume(accounts, user), note=SAVED)
        case (
            SetQuestions() | SetWeekDay() | SetWeekTime() | SetNudges() | SetLookBacks()
            | SetRetention()
        ):
            fields, shown_next = _preference_fields(setting)
            return Applied(await change(accounts, user, **fields), shown_next, SAVED)
        case SetLanguage() | DaysDone() | SetTime() | SetTimezone():
            return await _answer(accounts, user, setting)


def _preference_fields(setting: _Preference) -> tuple[dict[str, Any], str | None]:
    """The user's fields a preference sets, and the screen shown after it (None: the usual)."""
    match setting:
        case SetQuestions(count):
            return {"questions_per_checkin": count}, None
        case SetWeekDay(day):
            return {"verrekijker_day": day}, "week"
        case SetWeekTime(at):
            return {"verrekijker_time": at}, "week"
        case SetNudges(on):
            return {"nudges": on}, "week"
        case SetLookBacks(on):
            return {"look_backs": on}, "week"
        case SetRetention(months):
            return {"retention_months": months}, "keep"


async def _answer(accounts: Accounts, user: User, setting: _OnboardingAnswer) -> Applied:
    """Store the setting; onboarding moves on when it answers the step the user is at."""
    fields, step = _answer_fields(setting)
    if fields:
        user = await change(accounts, user, **fields)
    if user.onboarding_step == step:
        return Applied(await next_onboarding_step(accounts, user))
    return Applied(user, note=SAVED)


def _answer_fields(setting: _OnboardingAnswer) -> tuple[dict[str, Any], str]:
    """The user's fields the setting sets (none for "days done") and the onboarding step it
    answers."""
    match setting:
        case SetLanguage(language):
            return {"language": language}, "language"
        case DaysDone():
            return {}, "days"
        case SetTime(at):
            return {"checkin_time": at}, "time"
        case SetTimezone(zone):
            return {"timezone": zone}, "timezone"


async def next_onboarding_step(accounts: Accounts, user: User) -> User:
    """Move onboarding one step on; after the last, the schedule starts."""
    if user.onboarding_step not in ONBOARDING_STEPS:
        return user
    position = ONBOARDING_STEPS.index(user.onboarding_step) + 1
    following = ONBOARDING_STEPS[position] if position < len(ONBOARDING_STEPS) else None
    return await change(accounts, user, onboarding_step=following)


async def known_user(accounts: Accounts, user_id: int) -> User | None:
    """The stored user, without registering anyone (after an erase nothing is recreated)."""
    return await accounts.users.get(user_id)
