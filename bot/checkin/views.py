"""How check-in steps look on the phone: text and buttons, from catalogs and content."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.checkin.callbacks import SCALE, SKIP, ScaleAnswer, SkipStep
from bot.core.texts import Catalog
from bot.privacy_guard.callbacks import GUARD, GUARD_CHOICES, GuardChoice
from prompts import Signpost
from storage import Checkin, Step


def signpost_intro(texts: Catalog, lang: str, signpost: Signpost, checkin: Checkin) -> str:
    """The header of a check-in: which signpost, its essence and today's prompt."""
    return texts.text(
        lang,
        "checkin.intro",
        number=signpost.number,
        title=escape(signpost.title),
        essence=escape(signpost.essence),
        prompt=escape(checkin_prompt(signpost, checkin)),
    )


def checkin_prompt(signpost: Signpost, checkin: Checkin) -> str:
    """The prompt as it was shown; content by id only for a row that kept no text."""
    return checkin.prompt_text or signpost.prompt(checkin.prompt_id) or ""


def step_text(texts: Catalog, lang: str, step: Step) -> str:
    """The question of a step, as shown."""
    if step.kind == "question":
        return texts.text(lang, "checkin.question", question=escape(step.question_text or ""))
    return texts.text(lang, f"checkin.{step.kind}")


def step_keyboard(texts: Catalog, lang: str, step: Step) -> InlineKeyboardMarkup:
    """Skip for a question; 1–5 and skip for a scale."""
    skip = InlineKeyboardButton(
        texts.text(lang, "checkin.skip"), callback_data=SKIP.encode(SkipStep(step.id))
    )
    if step.kind == "question":
        return InlineKeyboardMarkup([[skip]])
    scores = [
        InlineKeyboardButton(str(n), callback_data=SCALE.encode(ScaleAnswer(step.id, n)))
        for n in range(1, 6)
    ]
    return InlineKeyboardMarkup([scores, [skip]])


def scored_text(texts: Catalog, lang: str, step: Step, score: int | None) -> str:
    """A scale's message after the tap (or skip), buttons gone."""
    outcome = (
        texts.text(lang, "checkin.scored", score=score)
        if score is not None
        else texts.text(lang, "checkin.skipped")
    )
    return step_text(texts, lang, step) + "\n" + outcome


def guard_keyboard(texts: Catalog, lang: str, message_id: int) -> InlineKeyboardMarkup:
    """The guard's three choices for a held-back answer, one per row."""
    buttons = [
        InlineKeyboardButton(
            texts.text(lang, f"guard.{choice}"),
            callback_data=GUARD.encode(GuardChoice(choice, message_id)),
        )
        for choice in GUARD_CHOICES
    ]
    return InlineKeyboardMarkup([[b] for b in buttons])
