"""The Markdown export: a readable journal in the user's language, by week and then by day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import groupby

from bot.core import formatting
from bot.core.texts import Catalog
from bot.data_rights.export.common import _language, _local, _ordered, _prompt, _signpost
from prompts import Content
from storage.models import ExportedCheckin, ExportedStep, User

# Inside a blockquote only a few line starts change the structure badly: '#' makes a heading,
# '>' a nested quote, a line of only '=' or '-' turns the line above into a heading, and a fence
# (``` or ~~~) swallows the rest of the answer as code. Escaping just those keeps the raw file
# readable (no backslashes over every '*' or '_'); inline '*', lists and the like stay as typed,
# because someone who writes *this* or '- one' in Telegram means exactly that.
# Any run of spaces and tabs counts as indent: a tab after "> " can still leave a heading.
_BLOCK_START = re.compile(r"^([ \t]*)(#|>|`{3}|~{3}|=+[ \t]*$|-+[ \t]*$)")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line endings Markdown knows; not U+2028 and the like


def _quote(text: str) -> str:
    """User text as a Markdown blockquote, verbatim except a '\\' before a leading block marker."""
    lines = [_BLOCK_START.sub(r"\1\\\2", line) for line in _NEWLINE.split(text)]
    quoted: list[str] = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if not line:
            quoted.append(">")
        elif after.strip():
            # Two trailing spaces are a hard line break: the answer keeps the lines it was typed
            # in instead of running together, and they are invisible when read as plain text.
            quoted.append(f"> {line}  ")
        else:
            quoted.append(f"> {line}")
    return "\n".join(quoted)


def _inline(text: str) -> str:
    """Bot text on one line, safe inside '*' or '**' (content has no markup of its own)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("*", "\\*")


def _date_words(lang: str, day: date) -> str:
    """'maandag 2 maart 2026' / 'Monday 2 March 2026', in the language's own names (Babel)."""
    return formatting.day_words(lang, day, weekday=True, year=True)


def _scales(steps: Sequence[ExportedStep], texts: Catalog, lang: str) -> str | None:
    """'Energie: 4/5 · Grenzen: 3/5' with '—' for a skipped scale; None without scale steps."""
    scores = {s.kind: s.score for s in steps if s.kind != "question"}
    if not scores:
        return None
    shown = {
        kind: texts.text(lang, "export.score", score=score)
        if (score := scores.get(kind)) is not None
        else texts.text(lang, "export.no_score")
        for kind in ("energy", "boundaries")
    }
    return texts.text(lang, "export.scales", **shown)


def _monday(day: date) -> date:
    """The Monday that starts the week of `day` (weeks run Monday to Sunday, as in Belgium)."""
    return day - timedelta(days=day.weekday())


def _touched(checkin: ExportedCheckin) -> bool:
    """True when the check-in holds an answer, a score or a skip by the user."""
    return any(s.answers or s.score is not None or s.state == "skipped" for s in checkin.steps)


def _checkin_markdown(
    checkin: ExportedCheckin, content: Content, texts: Catalog, lang: str
) -> list[str]:
    """The blocks of one check-in: heading, prompt, questions with answers, scales."""
    signpost = _signpost(content, lang, checkin.signpost)
    when = _date_words(lang, checkin.local_date)
    where = (
        texts.text(lang, "export.signpost", number=checkin.signpost, title=signpost.title)
        if signpost
        else texts.text(lang, "export.signpost_untitled", number=checkin.signpost)
    )
    heading = texts.text(lang, "export.day", date=when[:1].upper() + when[1:], signpost=where)
    blocks = [f"### {_inline(heading)}"]
    if prompt := _prompt(signpost, checkin):
        blocks.append(f"*{_inline(prompt)}*")
    steps = sorted(checkin.steps, key=lambda s: s.position)
    for step in steps:
        # A pending question was planned but never put to the user: not part of their journal.
        if step.kind != "question" or (step.state == "pending" and not step.answers):
            continue
        if question := _inline(step.question_text or ""):  # '****' would be a horizontal rule
            blocks.append(f"**{question}**")
        if step.answers:
            for given in step.answers:
                blocks.append(_quote(given.text))
                if given.starred:  # marked to bring to supervision (/ster)
                    blocks.append(f"*{texts.text(lang, 'supervision.export_starred')}*")
        else:
            status = "skipped" if step.state == "skipped" else "unanswered"
            blocks.append(f"*{texts.text(lang, f'export.{status}')}*")
    if scales := _scales(steps, texts, lang):
        blocks.append(scales)
    return blocks


def export_markdown(
    user: User,
    checkins: Sequence[ExportedCheckin],
    content: Content,
    texts: Catalog,
    exported_at: datetime,
) -> bytes:
    """A readable journal in the user's language: by week (from Monday), then by day."""
    lang = _language(user)
    today = _date_words(lang, _local(user, exported_at).date())
    blocks = [
        f"# {texts.text(lang, 'export.title')}",
        texts.text(lang, "export.exported", date=today),
    ]
    # A check-in whose sending failed and that holds nothing was never seen: not in the journal.
    ordered = [c for c in _ordered(checkins) if c.delivered_at or _touched(c)]
    if not ordered:
        blocks.append(texts.text(lang, "export.empty"))
    else:
        blocks.append(texts.text(lang, "export.intro"))
    for week, days in groupby(ordered, key=lambda c: _monday(c.local_date)):
        blocks.append(f"## {texts.text(lang, 'export.week', date=_date_words(lang, week))}")
        for checkin in days:
            blocks += _checkin_markdown(checkin, content, texts, lang)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
