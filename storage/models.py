"""Plain data objects the storage API returns; handlers and domain code never see rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal, get_args

# The literal sets the schema's CHECK constraints hold too (tests/storage/test_literal_sets.py
# ties them together): name them here, use these names everywhere else.
Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)  # the first is the fallback
RetentionMonths = Literal[3, 6, 12]  # how long answers are kept; None (not here) is forever
RETENTION_CHOICES: tuple[RetentionMonths, ...] = get_args(RetentionMonths)

# Heavy words in a check-in: about a client's crisis, the writer's own, or their own with the
# check-in waiting on their choice to stop or go on (see bot/care/distress).
CareMark = Literal["client", "self", "paused"]
StepKind = Literal["question", "energy", "boundaries"]
StepState = Literal["pending", "open", "answered", "skipped"]
Trigger = Literal["scheduled", "on_demand"]
# A day's check-in, or the weekly talk after the verrekijker (a day can hold one of each).
CheckinKind = Literal["daily", "weekly"]


@dataclass(frozen=True)
class User:
    """A practitioner, their settings and where their schedule stands."""

    user_id: int
    chat_id: int
    language: Language
    timezone: str
    checkin_time: time
    days: frozenset[int]
    questions_per_checkin: int
    onboarding_step: str | None
    paused: bool
    paused_until: date | None
    next_signpost: int
    created_at: datetime
    verrekijker_day: int = 4
    verrekijker_time: time = time(17, 0)
    nudges: bool = True
    retention_months: RetentionMonths | None = None  # None: kept until the user erases them
    active: bool = True  # False once Telegram said the chat is gone (blocked, deactivated)
    look_backs: bool = True  # now and then a check-in brings back one of her earlier answers
    # The next moment of each per-user scheduled kind, by its column (see ScheduledKind.field):
    # a kind's migration adds its column, and it is here without another change.
    moments: Mapping[str, datetime | None] = field(default_factory=dict)

    @property
    def onboarded(self) -> bool:
        """True once the user finished the /start steps."""
        return self.onboarding_step is None

    def paused_on(self, day: date) -> bool:
        """Whether the user is paused on their local date `day` (a dated pause ends by itself)."""
        return self.paused and (self.paused_until is None or day <= self.paused_until)

    @property
    def next_due_at(self) -> datetime | None:
        """The next scheduled check-in (the moment /settings shows)."""
        return self.moments.get("next_due_at")


@dataclass(frozen=True)
class NewStep:
    """A step planned when a check-in is created."""

    kind: StepKind
    question_id: str | None = None  # the content id, stable when content is reworded
    question_text: str | None = None  # as asked, in the user's language


@dataclass(frozen=True)
class Step:
    """One question or scale of a check-in, as stored."""

    id: int
    checkin_id: int
    user_id: int
    signpost: int
    position: int
    kind: StepKind
    question_id: str | None
    question_text: str | None
    state: StepState
    message_id: int | None
    score: int | None
    unsent: bool = False  # opened, but not (known to be) sent: the user has not seen it
    care_mark: CareMark | None = None  # the check-in's mark, read with the step


@dataclass(frozen=True)
class Person:
    """A person as one typed message finds them, read in one query: the user, the open
    step, and whether that message is stored already (as an answer or a typed score)."""

    user: User | None
    open_step: Step | None
    stored_before: bool


@dataclass(frozen=True)
class Checkin:
    """The check-in of one local day."""

    id: int
    user_id: int
    local_date: date
    signpost: int
    prompt_id: str | None  # None only for check-ins older than content ids that had no match
    prompt_text: str | None  # as shown, in the user's language
    trigger: Trigger
    delivered: bool
    completed: bool
    care_mark: CareMark | None = None
    kind: CheckinKind = "daily"


@dataclass(frozen=True)
class Answer:
    """A stored free-text answer."""

    id: int
    step_id: int
    message_id: int
    text: str
    edited: bool


@dataclass(frozen=True)
class RotationHistory:
    """The content ids a user already saw of one signpost, oldest first, to avoid repeats."""

    prompts: list[str | None]
    questions: list[list[str | None]]


@dataclass(frozen=True)
class AnsweredQuestion:
    """A question as it was asked, with the user's answers to it (oldest first)."""

    question: str
    answers: tuple[str, ...]
    answer_ids: tuple[int, ...] = ()  # the answers' ids, in the same order (what a star marks)


@dataclass(frozen=True)
class ReflectionDay:
    """What a user reflected on one local day: the read model of the weekly summary."""

    local_date: date
    signpost: int
    questions: tuple[AnsweredQuestion, ...]  # only questions that got an answer
    energy: int | None
    boundaries: int | None
    care_mark: CareMark | None = None  # heavy words that day (the verrekijker quotes none)


@dataclass(frozen=True)
class ExportedAnswer:
    """An answer with its timestamps, for the user's own export."""

    text: str
    created_at: datetime
    edited_at: datetime | None
    id: int = 0  # the answer's id: what a look-back or an intention's review refers to
    starred: bool = False  # she marked it to bring to supervision (/ster, the Mini App)


@dataclass(frozen=True)
class StarTarget:
    """An answer of hers that a star may mark: what /ster says back, and whether it is starred."""

    answer_id: int
    text: str
    local_date: date
    care_mark: CareMark | None  # heavy words in its check-in: not quoted back, not in the PDF
    starred: bool


@dataclass(frozen=True)
class ExportedStep:
    """A step of a check-in with everything stored about it."""

    position: int
    kind: StepKind
    question_text: str | None
    state: StepState
    score: int | None
    asked_at: datetime | None
    closed_at: datetime | None
    answers: tuple[ExportedAnswer, ...]
    question_id: str | None = None  # the content id, or the reflective cycle's (cycle.…)


@dataclass(frozen=True)
class ExportedCheckin:
    """A check-in with its steps and answers, for the user's own export."""

    local_date: date
    signpost: int
    prompt_id: str | None
    prompt_text: str | None
    trigger: Trigger
    created_at: datetime
    delivered_at: datetime | None
    completed_at: datetime | None
    steps: tuple[ExportedStep, ...]
    care_mark: CareMark | None = None
    kind: CheckinKind = "daily"


TeamRole = Literal["admin", "member"]
WeekOutcome = Literal["met", "missed", "quiet"]


@dataclass(frozen=True)
class Team:
    """A team with a shared weekly goal; its weeks run Monday to Sunday in its timezone."""

    id: int
    name: str
    goal_days: int
    timezone: str
    language: Language
    group_chat_id: int | None
    created_at: datetime
    next_digest_at: datetime | None


@dataclass(frozen=True)
class TeamMember:
    """A person's membership of a team (the name is shown to the team's admin only)."""

    team_id: int
    user_id: int
    display_name: str
    role: TeamRole
    joined_at: datetime

    @property
    def is_admin(self) -> bool:
        """True for the team's admin."""
        return self.role == "admin"


@dataclass(frozen=True)
class TeamWeek:
    """The settled outcome of one team week, as counts only."""

    week_start: date
    outcome: WeekOutcome
    on_track: int
    counted: int
    excused: int


@dataclass(frozen=True)
class PausePeriod:
    """When a user was paused, in UTC; `ended_at` None means until /resume."""

    user_id: int
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class PendingAnswer:
    """An answer the privacy guard held back: as written, and with the details masked."""

    user_id: int
    step_id: int
    message_id: int
    is_edit: bool
    text: str
    masked: str


@dataclass(frozen=True)
class UserCounts:
    """How many users are active, paused and unreachable."""

    active: int
    paused: int
    inactive: int
    onboarding: int


OutboxState = Literal["pending", "sending", "sent", "failed", "dropped"]


@dataclass(frozen=True)
class NewOutboxItem:
    """A scheduled message to deliver; (kind, chat_id, period) makes it unique."""

    kind: str
    chat_id: int
    period: str
    due_at: datetime
    user_id: int | None = None
    ref: int | None = None


@dataclass(frozen=True)
class OutboxItem:
    """A scheduled message in the outbox."""

    id: int
    kind: str
    chat_id: int
    period: str
    due_at: datetime
    user_id: int | None
    ref: int | None
    state: OutboxState
    attempts: int


@dataclass(frozen=True)
class OutboxLease:
    """What one instance has in flight: how many items, and when the first lease expires."""

    holder: str | None  # the instance id; None for an item claimed before leases existed
    items: int
    until: datetime | None


@dataclass(frozen=True)
class OutboxHealth:
    """What `python -m bot status` reports about delivery."""

    counts: dict[str, int]
    oldest_pending: datetime | None  # the due moment of the oldest undelivered item
    waiting_since: datetime | None  # the oldest item ready to go (or being sent) since then
    last_sent: datetime | None
    ambiguous: int
    leases: tuple[OutboxLease, ...] = ()  # what is in flight, by instance
