"""/supervisie and /ster decided, with no Telegram: the period, the document of her own words
gathered from her stored history, and the star on an answer.

The words are read as stored: what the privacy guard masked stays masked (the stored text is
what she chose). An answer of a check-in with heavy words (`care_mark`) is never quoted back,
here no more than in the verrekijker. The reflective cycle's steps (`cycle.…` question ids)
become intentions, their reviews and look-backs when they are there; without them the document
holds her words by signpost and the scales.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from bot.core.clock import Clock
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.core.texts import Catalog
from bot.supervision.document import (
    LANGUAGES,
    DayScales,
    Entry,
    Intention,
    Language,
    LookBack,
    SupervisionDocument,
)
from prompts import LENSES, Content, Lens
from storage import ExportedAnswer, ExportedCheckin, ExportedStep, StarTarget, User

# The reflective cycle's steps, by question id (one place: storage/cycle.py).
from storage.cycle import CYCLE, INTENTION, LOOK_BACK, REVIEW, ZOOM_OUT
from storage.history import HistoryRepository
from storage.stars import StarRepository

SPANS = ("w4", "w8", "m3")  # the period buttons: 4 weeks (the default), 8 weeks, 3 months
MAX_WEEKS = 52  # `/supervisie 8`: a number of weeks from 1 to this
_SPAN = re.compile(r"w([1-9]\d?)|m3")


def valid_span(span: str) -> bool:
    """A period the buttons or the command can ask: w1..w52 or m3."""
    match = _SPAN.fullmatch(span)
    return match is not None and (span == "m3" or int(match.group(1)) <= MAX_WEEKS)


def span_of_argument(argument: str) -> str | None:
    """`/supervisie 8` (or "8w", "8 weken"): that many weeks; None when it names no period."""
    found = re.fullmatch(r"\s*(\d{1,3})\s*(w|weken|weeks|week)?\s*", argument.lower())
    if found is None:
        return None
    span = f"w{int(found.group(1))}"
    return span if valid_span(span) else None


def bounds(span: str, today: date) -> tuple[date, date]:
    """The first and last day of the period ending today (both in)."""
    if span == "m3":
        month = today.month - 3 + 12 * (today.month <= 3)
        year = today.year - (today.month <= 3)
        day = min(today.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=1), today
    weeks = int(span[1:])
    return today - timedelta(days=7 * weeks - 1), today


def language(user: User) -> Language:
    """The document's language: hers (the default one for a code storage should not hold)."""
    return next((lang for lang in LANGUAGES if lang == user.language), LANGUAGES[0])


# --- gathering the document: a pure function of her exported history --------------------------


@dataclass(frozen=True)
class _Found:
    """One stored answer with where it stands."""

    checkin: ExportedCheckin
    step: ExportedStep
    answer: ExportedAnswer


def _lens(content: Content, lang: str, signpost: int) -> Lens | None:
    """The signpost's first lens tag, in the order content gives its tags."""
    try:
        tags = content.signpost(lang, signpost).tags
    except KeyError:
        return None
    return next((lens for tag in tags for lens in LENSES if tag == lens), None)


def _title(content: Content, lang: str, signpost: int) -> str:
    try:
        return content.signpost(lang, signpost).title
    except KeyError:
        return ""


def _answers(checkins: Iterable[ExportedCheckin]) -> Iterable[_Found]:
    for checkin in checkins:
        for step in sorted(checkin.steps, key=lambda s: s.position):
            for answer in step.answers:
                if answer.text.strip():
                    yield _Found(checkin, step, answer)


def _referred(question_id: str, prefix: str) -> int | None:
    """The answer id a `cycle.review:<id>` or `cycle.look_back:<id>` step refers to."""
    rest = question_id.removeprefix(prefix)
    return int(rest) if rest.isdigit() else None


def _scales(checkins: Iterable[ExportedCheckin]) -> tuple[DayScales, ...]:
    days: dict[date, dict[str, int | None]] = {}
    for checkin in checkins:
        scores = {s.kind: s.score for s in checkin.steps if s.kind in ("energy", "boundaries")}
        if any(v is not None for v in scores.values()):
            day = days.setdefault(checkin.local_date, {})
            day.update({k: v for k, v in scores.items() if v is not None})
    return tuple(
        DayScales(day, s.get("energy"), s.get("boundaries")) for day, s in sorted(days.items())
    )


def gather(
    checkins: Sequence[ExportedCheckin],
    content: Content,
    lang: Language,
    start: date,
    end: date,
    *,
    starred_only: bool = False,
) -> SupervisionDocument:
    """The document of the period from her whole exported history (oldest first or not).

    Her words by signpost with the signpost's lens; the scales per day; her intentions with how
    they went; her look-backs at earlier words. Never an answer of a check-in with heavy words,
    nor a look-back at one. With `starred_only`, only what she starred: the entries, the
    intentions and look-backs whose own words she starred (the scales stay, as context).
    """
    usable = [c for c in checkins if c.care_mark is None]
    g = _Gathering(content, lang, start, end, starred_only, list(_answers(usable)))
    entries: list[Entry] = []
    intentions: list[Intention] = []
    look_backs: list[LookBack] = []
    for f in g.found:
        qid = f.step.question_id or ""
        if qid == INTENTION:
            if (intention := g.intention(f)) is not None:
                intentions.append(intention)
        elif qid.startswith(LOOK_BACK):
            if (look_back := g.look_back(f, qid)) is not None:
                look_backs.append(look_back)
        elif (qid == ZOOM_OUT or not qid.startswith(CYCLE)) and g.wanted(f):
            entries.append(g.entry(f, qid))
    in_period = [c for c in checkins if start <= c.local_date <= end]
    return SupervisionDocument(
        language=lang,
        start=start,
        end=end,
        starred_only=starred_only,
        entries=tuple(sorted(entries, key=lambda e: e.day)),
        scales=_scales(in_period),
        intentions=tuple(sorted(intentions, key=lambda i: i.week_start)),
        look_backs=tuple(sorted(look_backs, key=lambda lb: lb.day)),
    )


@dataclass(frozen=True)
class _Gathering:
    """Her usable answers (`found`) and the period and scope the document gathers them for."""

    content: Content
    lang: Language
    start: date
    end: date
    starred_only: bool
    found: list[_Found]

    @cached_property
    def by_id(self) -> dict[int, _Found]:
        return {f.answer.id: f for f in self.found if f.answer.id}

    @cached_property
    def reviews(self) -> dict[int, str]:
        """How each intention went: the first reply, as storage/cycle.py pairs them."""
        reviews: dict[int, str] = {}
        for f in self.found:
            qid = f.step.question_id or ""
            if qid.startswith(REVIEW) and (target := _referred(qid, REVIEW)) is not None:
                reviews.setdefault(target, f.answer.text)
        return reviews

    def wanted(self, f: _Found) -> bool:
        in_period = self.start <= f.checkin.local_date <= self.end
        return in_period and (f.answer.starred or not self.starred_only)

    def intention(self, f: _Found) -> Intention | None:
        day = f.checkin.local_date
        outcome = self.reviews.get(f.answer.id)
        starred = f.answer.starred or (
            outcome is not None and _review_starred(self.found, f.answer.id)
        )
        if not (self.start <= day <= self.end and (starred or not self.starred_only)):
            return None
        monday = day - timedelta(days=day.weekday())
        return Intention(monday + timedelta(days=7), f.answer.text, outcome)

    def look_back(self, f: _Found, qid: str) -> LookBack | None:
        earlier = self.by_id.get(_referred(qid, LOOK_BACK) or 0)
        if earlier is None or not self.wanted(f):
            return None
        day = f.checkin.local_date
        return LookBack(day, earlier.checkin.local_date, earlier.answer.text, f.answer.text)

    def entry(self, f: _Found, qid: str) -> Entry:
        signpost = f.checkin.signpost
        return Entry(
            day=f.checkin.local_date,
            signpost=signpost,
            signpost_title=_title(self.content, self.lang, signpost),
            lens=None if qid == ZOOM_OUT else _lens(self.content, self.lang, signpost),
            question=f.step.question_text or "",
            text=f.answer.text,
        )


def _review_starred(found: Sequence[_Found], intention_id: int) -> bool:
    return any(f.answer.starred and f.step.question_id == f"{REVIEW}{intention_id}" for f in found)


def has_words(doc: SupervisionDocument) -> bool:
    """Whether the document quotes any of her words (starred-only: whether she starred any)."""
    return bool(doc.entries or doc.intentions or doc.look_backs)


# --- what the dialog asks for -----------------------------------------------------------------


def file_name(doc: SupervisionDocument) -> str:
    """sherpa-supervisie-2026-11-09_2026-12-06.pdf (supervision in English)."""
    word = "supervisie" if doc.language == "nl" else "supervision"
    return f"sherpa-{word}-{doc.start.isoformat()}_{doc.end.isoformat()}.pdf"


StarOutcome = Literal["starred", "unstarred", "none", "heavy"]


@dataclass(frozen=True)
class Star:
    """What /ster did: starred or unstarred which answer, or why nothing."""

    outcome: StarOutcome
    target: StarTarget | None = None


@dataclass(frozen=True)
class Supervision:
    """/supervisie and /ster, bound once (bot/app.py) to what they read and write: her
    exported history, her stars, the content and the texts, and the clock. The handlers reach
    it through the typed context (`context.part(Supervision)`) and hand it to the dialog."""

    history: HistoryRepository
    stars: StarRepository
    content: Content
    texts: Catalog
    clock: Clock

    @classmethod
    def bound(cls, services: Services) -> Supervision:
        """Bound to the application's storage, content, texts and clock."""
        storage, content, texts = services.storage, services.content, services.texts
        return cls(storage.history, storage.stars, content, texts, services.clock)

    def today(self, user: User) -> date:
        """Her local date now."""
        return local_today(self.clock, user.timezone)

    async def document(self, user: User, span: str, *, starred_only: bool) -> SupervisionDocument:
        """Her supervision document of the period ending today."""
        start, end = bounds(span, self.today(user))
        checkins = await self.history.export(user.user_id)
        lang = language(user)
        return gather(checkins, self.content, lang, start, end, starred_only=starred_only)

    async def toggle_star(self, user: User, message_id: int | None) -> Star:
        """/ster: star her last stored answer, or the answer she replied to; again: unstar.

        An answer of a check-in with heavy words is left as it is: it never goes into the PDF,
        and its words are not said back."""
        if message_id is not None:
            target = await self.stars.answer_of_message(user.user_id, message_id)
        else:
            target = None
        if target is None:
            target = await self.stars.last_answer(user.user_id)
        if target is None:
            return Star("none")
        if target.care_mark is not None:
            return Star("heavy")
        now = await self.stars.toggle(user.user_id, target.answer_id, self.clock.now())
        return Star("starred" if now else "unstarred", target)
