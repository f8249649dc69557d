"""Split rendered sections into Telegram messages: few, at section boundaries, HTML kept whole."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.verrekijker.text import Section

LIMIT = 4096  # Telegram's limit for one message's text
SECTION_GAP = "\n\n"
# Inside an oversized section: paragraphs first, then lines, then words.
_BREAKS = ("\n\n", "\n", " ")
_TAG = re.compile(r"<(/?)(b|i|code)>")
_ENTITY = re.compile(r"&[#\w]*$")
_OPEN_TAG = re.compile(r"<[^>]*$")


def _stack_after(stack: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The tags still open after `text`, given those open before it."""
    open_tags = list(stack)
    for match in _TAG.finditer(text):
        closing, name = match.groups()
        if not closing:
            open_tags.append(name)
        elif name in open_tags:
            # Close the innermost matching tag and anything opened inside it.
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
    return tuple(open_tags)


def _openers(stack: tuple[str, ...]) -> str:
    """Reopen the tags of `stack` at the start of the next message."""
    return "".join(f"<{name}>" for name in stack)


def _closers(stack: tuple[str, ...]) -> str:
    """Close the tags of `stack` at the end of a message, innermost first."""
    return "".join(f"</{name}>" for name in reversed(stack))


def _reserve(text: str) -> int:
    """Room to keep for closing and reopening tags: the deepest nesting the text reaches."""
    deepest = 0
    stack: tuple[str, ...] = ()
    for match in _TAG.finditer(text):
        stack = _stack_after(stack, match.group(0))
        deepest = max(deepest, len(_openers(stack)) + len(_closers(stack)))
    return deepest


def _hard_cut(text: str, budget: int) -> list[str]:
    """Cut a word longer than a whole message, never inside a tag or an entity."""
    pieces = []
    while len(text) > budget:
        head = text[:budget]
        for pattern in (_OPEN_TAG, _ENTITY):
            if (found := pattern.search(head)) and found.start() > 0:
                head = head[: found.start()]
        pieces.append(head)
        text = text[len(head) :]
    return [*pieces, text]


def _atoms(text: str, budget: int, level: int = 0) -> list[tuple[str, str]]:
    """(separator before, piece) pairs, each piece within `budget`, split as coarsely as can be."""
    if len(text) <= budget:
        return [("", text)]
    if level == len(_BREAKS):
        return [("", piece) for piece in _hard_cut(text, budget)]
    brk = _BREAKS[level]
    atoms: list[tuple[str, str]] = []
    for i, part in enumerate(text.split(brk)):
        inner = _atoms(part, budget, level + 1)
        atoms.append((brk if i else "", inner[0][1]))
        atoms += inner[1:]
    return atoms


def split_messages(sections: Iterable[Section | str], limit: int = LIMIT) -> list[str]:
    """Join sections with blank lines into as few messages of at most `limit` chars as can be."""
    texts = [s.html if isinstance(s, Section) else s for s in sections]
    texts = [text for text in texts if text.strip()]
    budget = limit - _reserve("".join(texts))
    if budget < 1:
        raise ValueError(f"limit {limit} leaves no room next to the text's HTML tags")
    messages = _Messages(limit)
    for text in texts:
        whole = len(text) <= budget
        for i, (brk, piece) in enumerate(_atoms(text, budget)):
            # A section that fits a message is never split; a larger one starts a message of
            # its own, and its later pieces join as they fit.
            messages.add(brk if i else SECTION_GAP, piece, may_join=whole or i > 0)
    return messages.finish()


@dataclass
class _Messages:
    """The messages filled so far, the one being filled and the HTML tags open at its end."""

    limit: int
    done: list[str] = field(default_factory=list)
    current: str = ""
    stack: tuple[str, ...] = ()

    def add(self, sep: str, piece: str, *, may_join: bool) -> None:
        """Append `sep` and `piece` to the current message when allowed and it fits with its
        closing tags; otherwise close that message and start the next with `piece`, reopening
        the tags still open."""
        after = _stack_after(self.stack, piece)
        fits = len(self.current) + len(sep) + len(piece) + len(_closers(after)) <= self.limit
        if self.current and fits and may_join:
            self.current += sep + piece
        else:
            self._close_current()
            self.current = _openers(self.stack) + piece
        self.stack = after

    def _close_current(self) -> None:
        """Close the open tags of the current message and keep it, if it has begun."""
        if self.current:
            self.done.append(self.current + _closers(self.stack))

    def finish(self) -> list[str]:
        """Every message, the last one closed; none that would be blank."""
        self._close_current()
        self.current = ""
        return [m for m in self.done if m.strip()]
