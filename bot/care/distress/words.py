"""Text as the distress rules read it: folded sentences of plain words, one-letter typos mended.

Pasted and phone-typed text is normalised as the privacy guard does it (no-break spaces,
zero-width characters, fullwidth forms), then casefolded, stripped of accents ("suïcide",
"cliënt") and apostrophes ("don't", "'k"), with runs of one letter cut to two ("doooood").
Each sentence becomes one string of words separated by single spaces, so a rule is a regex
over words. A word one edit away from a word the rules rely on (and not itself a common word)
is read as that word: "zelfmrood", "sucide", "mezlef".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from bot import privacy_guard

# Quotes and colons stay inside a sentence: "ze zei: ik wil dood" is reported speech.
_SENTENCE_END = re.compile(r"[.!?;…\n]+")
_CLAUSE_END = re.compile(r"[,:()]|\s[-–—]+\s")
_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^\w]+")
_RUNS = re.compile(r"(\w)\1{2,}")
# A title's full stop ends no sentence ("dhr. had een touw"); a colon opening a quote reports
# it ("client: 'ik doe het'" is the client's).
_TITLES = re.compile(r"\b(dhr|mevr|mw|mr|mrs|ms|dr|drs|st)\.")
# The words that name a person by title: their initial is no sentence's end ("Bij mevrouw K.
# vond ik pillen") and no Flemish "k" ("meneer K zei").
_TITLED = ("meneer", "mevrouw", "mevr", "dhr", "mw", "mr", "mrs", "ms", "miss", "dr")
_INITIALS = re.compile(rf"\b({'|'.join(_TITLED)}) ([a-z])\.")
_QUOTE_OPENS = re.compile(r":\s*[\"'‘“„]")
# Laughing and winking emoji mark a joke; they become a word the reader knows ("haha").
_LAUGHS = re.compile("[\U0001F602\U0001F923\U0001F605\U0001F606\U0001F639\U0001F61B-\U0001F61D]")
# Chat spellings and split words, read as the words the rules know.
_ALIASES = {
    "nie": "niet", "kms": "kill myself", "wanna": "want to", "gonna": "going to",
    "unalive": "kill", "gwn": "gewoon", "my self": "myself", "me self": "myself",
    "zelf moord": "zelfmoord", "self harm": "selfharm", "sui cide": "suicide",
    # Brussels and Flemish French and Dutch mixed in: "pas dans le sens suicidaal".
    "pas dans": "niet in", "gene": "geen", "od": "overdose",
    # Self-harm as people shorten it: "sh is back".
    "sh": "selfharm", "ni": "niet",
    # Phone typing: Flemish "da", "mss", "t", "kheb"; English "abt", "w/o", "tmrw", "tbh".
    "da": "dat", "mss": "misschien", "wa": "wat", "nen": "een", "em": "hem",
    "kheb": "ik heb", "kwil": "ik wil", "kzou": "ik zou", "kben": "ik ben", "kga": "ik ga",
    "kweet": "ik weet", "kzie": "ik zie", "kdenk": "ik denk", "kan t": "kan het",
    "abt": "about", "bout": "about", "w o": "without", "wd": "would", "tmrw": "tomorrow",
    "tmr": "tomorrow", "yday": "yesterday", "nite": "night", "cuz": "because", "coz": "because",
    "tbh": "honestly", "ngl": "honestly", "rn": "now",
    # Typed in a hurry or drunk: "i want to dei".
    "dei": "die",
}
_ALIAS = re.compile(r"\b(?:" + "|".join(sorted(_ALIASES, key=len, reverse=True)) + r")\b")
# Flemish "k" is "ik" ("k wil dood", "als k er ni meer ben"), but not a name's initial after a
# title ("meneer K", "mr k").
_K = re.compile("".join(rf"(?<!\b{title})" for title in _TITLED) + r" \bk\b|^k\b")

# Only words this long are mended, and only towards words this long: short words sit one
# edit away from too many ordinary ones ("leven" ~ "geven").
MEND_MIN = 6
# Words per window of a long sentence, and how many of them the next window repeats: more than
# any rule spans, so a sentence's match is never cut in two.
WINDOW, WINDOW_OVERLAP = 60, 20


def sentences(text: str) -> list[str]:
    """The text as folded sentences: lowercase ASCII-ish words joined by single spaces."""
    return [words for words, _ in clauses(text)]


def clauses(text: str) -> list[tuple[str, frozenset[int]]]:
    """The folded sentences, each with the positions of the words that start a new clause
    after a comma, colon, dash or bracket ("I'm not okay, I think about suicide": 3), where
    the reader may end a negation's reach."""
    plain, _ = privacy_guard.normalise(text)
    folded = _strip_accents(_LAUGHS.sub(" haha ", plain).casefold())
    folded = _INITIALS.sub(r"\1 \2", _TITLES.sub(r"\1", folded))
    folded = _QUOTE_OPENS.sub(" zei ", folded)
    folded = _APOSTROPHES.sub("", folded)
    out: list[tuple[str, frozenset[int]]] = []
    for part in _SENTENCE_END.split(folded):
        words: list[str] = []
        starts: set[int] = set()
        for clause in _CLAUSE_END.split(part):
            said = _NON_WORD.sub(" ", _RUNS.sub(r"\1\1", clause)).split()
            if not said:
                continue
            if words:
                starts.add(len(words))
            joined = _ALIAS.sub(lambda m: _ALIASES[m.group(0)], " ".join(said))
            words += _K.sub(lambda m: " ik" if m.group(0).startswith(" ") else "ik", joined).split()
        # A run-on "sentence" (no punctuation for pages) is read in overlapping windows, so
        # that a rule's cost stays bounded however long the text runs on.
        for start in range(0, max(1, len(words) - WINDOW_OVERLAP), WINDOW - WINDOW_OVERLAP):
            window = words[start : start + WINDOW]
            if window:
                inside = frozenset(s - start for s in starts if start < s < start + len(window))
                out.append((" ".join(window), inside))
    return out


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Mender:
    """Maps a misspelt word to the rule word one edit away (deletion, insertion, substitution
    or a swap of neighbours), found through the words' one-letter deletions."""

    def __init__(self, vocabulary: Iterable[str], keep: Iterable[str]) -> None:
        self._known = frozenset(vocabulary)
        self._keep = frozenset(keep) | self._known
        index: dict[str, set[str]] = {}
        for word in self._known:
            if len(word) >= MEND_MIN:
                for variant in (word, *_deletions(word)):
                    index.setdefault(variant, set()).add(word)
        # A variant that leads to two rule words is ambiguous: leave such words alone.
        self._index = {k: next(iter(v)) for k, v in index.items() if len(v) == 1}

    def mend(self, sentence: str) -> str:
        """The sentence with each mendable word replaced by its rule word."""
        words = sentence.split(" ")
        mended = [self._word(w) for w in words]
        return sentence if mended == words else " ".join(mended)

    @cache  # noqa: B019 - one Mender lives for the process; the cache is the point
    def _word(self, word: str) -> str:
        if len(word) < MEND_MIN or word in self._keep or not word.isalpha():
            return word
        for variant in (word, *_deletions(word)):
            if (target := self._index.get(variant)) and _one_edit(word, target):
                return target
        return word


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one deletion, insertion, substitution or neighbour swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
