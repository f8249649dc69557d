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
    word = head.group()
    # Fast path: most words are lower case and can only start a name as a title.
    if _lower_case_non_title(word):
        return None
    de_heer = _de_heer_start(text, tokens, i)
    titled = de_heer is not None or _is_title(word)
    if not titled and not _is_first_name(word):
        return None
    # After "dr." or "mevr." the gap to the next word may hold the abbreviation's dot.
    dotted = titled and _fold(word) in _ABBREVIATED
    tail = _surname_after(text, tokens, i, dotted)
    if tail is None:
        return None
    start = head.start() if de_heer is None else de_heer
    return (start, *tail)


def _lower_case_non_title(word: str) -> bool:
    """A lower-case word that is no title (nor the "heer" of "de heer"): it starts no name."""
    return word[0].islower() and word.casefold() not in _TITLES and word != "heer"


def _de_heer_start(text: str, tokens: list[re.Match[str]], i: int) -> int | None:
    """Where "de heer" starts when tokens[i] is its "heer": the two words are one title."""
    if i == 0 or _fold(tokens[i].group()) != "heer":
        return None
    before = tokens[i - 1]
    if _fold(before.group()) != "de" or not _NAME_GAP.fullmatch(
        text, before.end(), tokens[i].start()
    ):
        return None
    return before.start()


def _surname_after(
    text: str, tokens: list[re.Match[str]], i: int, dotted: bool
) -> tuple[int, int] | None:
    """(end, last token index) of the surname after the head tokens[i], if there is one: up to
    six close tokens of initials, particles and name words, ending on a name word."""
    end, last, particle, prev = None, i, False, tokens[i]
    for j in range(i + 1, min(i + 7, len(tokens))):
        token = tokens[j]
        if not _close_enough(text, prev, token, dotted):
            break
        prev = token
        following = token.group()
        # An initial ("mevr. V. Peeters") continues the name but cannot end it.
        dotted = _is_initial(text, token)
        if dotted:
            continue
        if _is_particle(following):
            particle = True
            continue
        if not _is_name_word(following):
            break
        end, last = token.end(), j
        # A surname closes the name; another first name may be a middle name or the surname.
        if particle or not _is_first_name(following):
            break
    return None if end is None else (end, last)


def _close_enough(text: str, prev: re.Match[str], token: re.Match[str], dotted: bool) -> bool:
    """One or two spaces between the words, after an abbreviation or initial also its dot."""
    gap = _DOTTED_GAP if dotted else _NAME_GAP
    return gap.fullmatch(text, prev.end(), token.start()) is not None


def _is_initial(text: str, token: re.Match[str]) -> bool:
    """One capital letter followed by a dot, as the "V." of "V. Peeters"."""
    word = token.group()
    return len(word) == 1 and word.isupper() and text[token.end() : token.end() + 1] == "."


def _is_particle(word: str) -> bool:
    """A surname particle such as van, de or ter, unless it is also a first name."""
    return _fold(word) in _PARTICLES and not _is_first_name(word)
