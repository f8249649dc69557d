"""Finds personal names: a title or common first name followed by a capitalised surname."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy_guard.addresses import _PARTICLES
from bot.privacy_guard.finding import Finding
from bot.privacy_guard.name_words import (
    _ABBREVIATED,
    _CAPITAL_TITLES,
    _FIRST_NAMES,
    _INSTITUTION_AFTER,
    _INSTITUTION_BEFORE,
    _NOT_NAMES,
    _TITLES,
)
from bot.privacy_guard.text import _WORD, _fold

_NAME_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_DOTTED_GAP = re.compile(r"\.?[ \t\u00a0]{1,2}")


def _is_first_name(word: str) -> bool:
    """A capitalised word from the first-name list, or a hyphenated pair like Anne-Marie."""
    if not word[0].isupper() or word.isupper():
        return False
    folded = _fold(word)
    return folded in _FIRST_NAMES or all(part in _FIRST_NAMES for part in folded.split("-"))


def _is_name_word(word: str) -> bool:
    """A word that can be (part of) a surname: capitalised, not all caps, not a stop word."""
    return (
        len(word) >= 2
        and word[0].isupper()
        and not word.isupper()
        and _fold(word) not in _NOT_NAMES
    )


def _is_title(word: str) -> bool:
    """A courtesy or professional title such as mevrouw, dhr., Mr or Dr."""
    return _fold(word) in _TITLES or word in _CAPITAL_TITLES


def _names(text: str) -> Iterator[Finding]:
    """A title or common first name followed by a capitalised surname."""
    tokens = list(_WORD.finditer(text))
    i = 0
    while i < len(tokens):
        found = _name_at(text, tokens, i)
        if found is None:
            i += 1
            continue
        start, end, last = found
        if _is_institution(text, tokens, i, last):
            i = last + 1
            continue
        # "Mr Demir's daughter": the possessive is not part of the name.
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        yield Finding("name", start, end)
        i = last + 1


def _is_institution(text: str, tokens: list[re.Match[str]], first: int, last: int) -> bool:
    """Whether the name tokens[first..last] names a place or organisation, not a person."""
    if _fold(tokens[last].group()) in _INSTITUTION_AFTER:
        return True
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        after
        and _NAME_GAP.fullmatch(text, tokens[last].end(), after.start())
        and _fold(after.group()) in _INSTITUTION_AFTER
    ):
        return True
    before = tokens[first - 1] if first > 0 else None
    return bool(
        before
        and _NAME_GAP.fullmatch(text, before.end(), tokens[first].start())
        and _fold(before.group()) in _INSTITUTION_BEFORE
    )


def _name_at(text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, int, int] | None:
    """(start, end, last token index) of a name whose head is tokens[i], if there is one."""
    head = tokens[i]
    word, start = head.group(), head.start()
    # Fast path: most words are lower case and can only start a name as a title.
    if word[0].islower() and word.casefold() not in _TITLES and word != "heer":
        return None
    titled = _is_title(word)
    if (
        _fold(word) == "heer"
        and i > 0
        and _fold(tokens[i - 1].group()) == "de"
        and _NAME_GAP.fullmatch(text, tokens[i - 1].end(), head.start())
    ):
        titled, start = True, tokens[i - 1].start()
    if not titled and not _is_first_name(word):
        return None
    dotted = titled and _fold(word) in _ABBREVIATED
    end, last, particle, prev = None, i, False, head
    for j in range(i + 1, min(i + 7, len(tokens))):
        token = tokens[j]
        following = token.group()
        gap = _DOTTED_GAP if dotted else _NAME_GAP
        if gap.fullmatch(text, prev.end(), token.start()) is None:
            break
        prev = token
        # An initial ("mevr. V. Peeters") continues the name but cannot end it.
        dotted = (
            len(following) == 1
            and following.isupper()
            and text[token.end() : token.end() + 1] == "."
        )
        if dotted:
            continue
        if _fold(following) in _PARTICLES and not _is_first_name(following):
            particle = True
            continue
        if not _is_name_word(following):
            break
        end, last = token.end(), j
        # A surname closes the name; another first name may be a middle name or the surname.
        if particle or not _is_first_name(following):
            break
    return None if end is None else (start, end, last)
