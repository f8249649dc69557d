"""What a formatted message looks like to the user, with Telegram's HTML parse errors."""

from __future__ import annotations

import html
import re

from .models import ApiError

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")
# The tags the Bot API's HTML mode understands (core.telegram.org/bots/api#html-style).
_HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler"}
    | {"a", "code", "pre", "blockquote", "tg-emoji", "tg-time"}
)
_MD_LINK = re.compile(r"(?<!\\)\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(?<!\\)(```|`|\*|__|_|~|\|\|)")
_MD_ESCAPE = re.compile(r"\\(.)")


def _parse_error(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _html_text(text: str) -> str:
    parts: list[str] = []
    open_tags: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        parts.append(_plain_segment(text, pos, match.start()))
        pos = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        at = _byte_offset(text, match.start())
        if name not in _HTML_TAGS:
            kind = "end" if closing else "start"
            raise _parse_error(f'Unsupported {kind} tag "{name}" at byte offset {at}')
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags[-1] != name:
            expected = f'"</{open_tags[-1]}>"' if open_tags else "no end tag"
            raise _parse_error(
                f'Unmatched end tag at byte offset {at}, expected {expected}, found "</{name}>"'
            )
        else:
            open_tags.pop()
    parts.append(_plain_segment(text, pos, len(text)))
    if open_tags:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return html.unescape("".join(parts))


def _plain_segment(text: str, start: int, end: int) -> str:
    # A bare "<" is a tag Telegram cannot read: user text must go through html.escape.
    if (index := text.find("<", start, end)) >= 0:
        raise _parse_error(f"Unclosed start tag at byte offset {_byte_offset(text, index)}")
    return text[start:end]


def _markdown_text(text: str) -> str:
    # Approximate: drops link targets, markers and escapes; does not report parse errors.
    text = _MD_LINK.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", _MD_MARKS.sub("", text))


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text the user sees; raises ApiError for HTML Telegram would reject."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _html_text(text)
    if mode in ("markdown", "markdownv2"):
        return _markdown_text(text)
    return text
