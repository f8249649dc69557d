"""The words of care: the closing line after a check-in, the support ladder, what follows
heavy words (the lines at once for the writer's own distress; debriefing and support when they
write about a client's crisis) and its two buttons."""

from __future__ import annotations

from random import Random

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.care.callbacks import CARE, CARE_CHOICES, CareChoice
from bot.care.helplines import helplines, write_lines
from bot.care.rule import Scale
from bot.core.texts import Catalog

# Who at work to turn to, by the country of the user's timezone.
CONFIDANTS = {"BE": "confidant_be", "NL": "confidant_nl"}


def closing_line(texts: Catalog, lang: str, low: frozenset[Scale], rng: Random) -> str:
    """A warm close that follows which scale was low; the usual thanks when none was."""
    if not low:
        return texts.choice(lang, "checkin.thanks", rng)
    key = "both" if len(low) == 2 else next(iter(low))
    return texts.choice(lang, f"care.closing.{key}", rng)


def ladder(texts: Catalog, lang: str, timezone: str | None, *, intro: str = "anytime") -> str:
    """The support ladder: people first, then the lines of the user's country, the emergency
    number. `intro`: "anytime" (/steun), "stretch" (a low stretch) or "low_today" (a 1)."""

    def say(key: str) -> str:
        return texts.text(lang, f"care.ladder.{key}")

    confidant = CONFIDANTS.get(helplines().country(timezone) or "", "confidant_other")
    steps = [say(k) for k in ("colleague", "leader", confidant, "doctor")]
    lines = write_lines(texts, lang, timezone)
    body = "\n".join(steps) + f"\n\n{say('lines')}\n{lines}"
    return f"{say('title')}\n{say(intro)}\n{body}\n\n{say('not_therapy')}"


def crisis_text(texts: Catalog, lang: str, timezone: str | None) -> str:
    """Says what was read without quoting it, names the lines, one person to talk to today."""
    lines = write_lines(texts, lang, timezone, crisis_only=False)
    return texts.text(lang, "care.crisis.text", lines=lines)


def client_text(texts: Catalog, lang: str, timezone: str | None) -> str:
    """Heavy work: debriefing, supervision or intervisie, and the lines that help helpers too."""
    lines = write_lines(texts, lang, timezone, crisis_only=True)
    return texts.text(lang, "care.client.text", lines=lines)


def choice_keyboard(texts: Catalog, lang: str, checkin_id: int) -> InlineKeyboardMarkup:
    """Stop the check-in here, or go on."""
    labels = {"stop": "care.crisis.stop", "go": "care.crisis.go_on"}
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.text(lang, labels[c]),
                    callback_data=CARE.encode(CareChoice(c, checkin_id)),
                )
            ]
            for c in CARE_CHOICES
        ]
    )
