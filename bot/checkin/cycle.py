"""The reflective cycle in the check-ins: look back, carry forward.

- After the verrekijker, a short weekly talk: what strikes her in the week, and what she wants
  to do differently or try again next week (her intention). Both can be skipped.
- In the week after, once, the intention comes back: "how did that go?".
- About every two weeks (a setting, on by default), a check-in brings back one of her own
  answers of at least two weeks ago, of today's signpost where there is one.

Each is a question step of a check-in, known by its question_id (storage/cycle.py), so her
answers pass the privacy guard and the distress reader, and are exported and erased, like
every other answer. Nothing from a check-in with heavy words is ever brought back.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.core.formatting import day_words, shorten
from bot.core.texts import Catalog
from storage import Checkin, NewStep, User
from storage.cycle import INTENTION, LOOK_BACK, REVIEW, ZOOM_OUT, Earlier

if TYPE_CHECKING:
    from bot.checkin.service import Checkins  # the service builds on this module

LOOK_BACK_EVERY = timedelta(days=14)  # "about every two weeks"
LOOK_BACK_AGE = timedelta(days=14)  # an answer of at least two weeks ago
QUOTE_CHARS = 160  # a quote longer than this is shortened (the whole answer stays stored)


def quote(text: str) -> str:
    """Her words as quoted back: one line, shortened at a word when long, without a closing
    full stop (the sentence around the quote has its own)."""
    line = shorten(text, QUOTE_CHARS)
    return line.removesuffix(".") if not line.endswith("..") else line


async def cycle_step(checkins: Checkins, user: User, day: date, signpost: int) -> NewStep | None:
    """The one question of the cycle a day's check-in brings, if any: the intention of last
    week first (once), else now and then a look-back."""
    this_week = day - timedelta(days=day.weekday())  # Monday
    cycle = checkins.cycle
    intention = await cycle.intention_to_review(
        user.user_id, this_week - timedelta(days=7), this_week - timedelta(days=1)
    )
    if intention is not None:
        return _review(checkins.texts, user, intention)
    if not user.look_backs:
        return None
    if await cycle.looked_back_since(user.user_id, day - LOOK_BACK_EVERY + timedelta(days=1)):
        return None
    earlier = await cycle.look_back_candidate(user.user_id, day - LOOK_BACK_AGE, signpost)
    return None if earlier is None else _look_back(checkins.texts, user, earlier)


def _review(texts: Catalog, user: User, intention: Earlier) -> NewStep:
    text = texts.text(user.language, "cycle.review", intention=quote(intention.text))
    return NewStep("question", f"{REVIEW}{intention.answer_id}", text)


def _look_back(texts: Catalog, user: User, earlier: Earlier) -> NewStep:
    when = day_words(user.language, earlier.local_date)
    text = texts.text(user.language, "cycle.look_back", date=when, earlier=quote(earlier.text))
    return NewStep("question", f"{LOOK_BACK}{earlier.answer_id}", text)


def with_cycle_step(steps: list[NewStep], step: NewStep | None) -> list[NewStep]:
    """The planned steps with the cycle's question after the signpost's, before the scales."""
    if step is None:
        return steps
    questions = [s for s in steps if s.kind == "question"]
    return [*questions, step, *(s for s in steps if s.kind != "question")]


async def start_weekly_talk(checkins: Checkins, user: User, day: date) -> Checkin:
    """The weekly talk of that day (created once): what strikes her, and her intention."""
    texts, lang = checkins.texts, user.language
    steps = [
        NewStep("question", ZOOM_OUT, texts.text(lang, "cycle.zoom_out")),
        NewStep("question", INTENTION, texts.text(lang, "cycle.intention")),
    ]
    created = await checkins.repo.create(
        user_id=user.user_id,
        local_date=day,
        signpost=user.next_signpost,  # not shown: the talk is about the week, not a signpost
        prompt_id=None,
        prompt_text=None,
        trigger="scheduled",
        steps=steps,
        now=checkins.clock.now(),
        kind="weekly",
    )
    talk = created or await checkins.repo.for_date(user.user_id, day, "weekly")
    assert talk is not None
    return talk
