"""The privacy guard's question: what was found, and the answer as it would be stored."""

from __future__ import annotations

import re
from html import escape, unescape

from bot.core.texts import Catalog
from bot.privacy_guard import Finding
from bot.privacy_guard.excerpt import masked_excerpt, utf16_length

# Telegram refuses a message longer than this (visible characters, in UTF-16 code units).
MESSAGE_LIMIT = 4096
_TAG = re.compile(r"<[^>]*>")


def guard_question(texts: Catalog, lang: str, text: str, findings: list[Finding]) -> str:
    """The question (HTML) with the masked answer, or an excerpt around each finding when the
    whole would not fit in one message: a long answer must still reach the user's choice."""
    kinds = ", ".join(sorted({texts.text(lang, f"guard.kind.{f.kind}") for f in findings}))
    # Measure the longest frame the excerpt can go in, with the longest "and N more" line.
    widest_more = texts.text(lang, "guard.more", count=len(findings))
    frame = texts.text(lang, "guard.ask_excerpt", kinds=kinds, excerpt="", more=widest_more)
    whole_frame = texts.text(lang, "guard.ask", kinds=kinds, masked="")
    room = MESSAGE_LIMIT - max(_visible_length(frame), _visible_length(whole_frame))
    excerpt = masked_excerpt(text, findings, room=room)
    if excerpt.whole:
        return texts.text(lang, "guard.ask", kinds=kinds, masked=escape(excerpt.text))
    more = texts.text(lang, "guard.more", count=excerpt.omitted) if excerpt.omitted else ""
    return texts.text(
        lang, "guard.ask_excerpt", kinds=kinds, excerpt=escape(excerpt.text), more=more
    )


def _visible_length(html: str) -> int:
    """What Telegram counts of an HTML message: the text without tags, entities decoded."""
    return utf16_length(unescape(_TAG.sub("", html)))
