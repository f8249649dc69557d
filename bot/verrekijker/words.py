"""Words in the user's answers: counting the words that come back (quotes are shortened by
bot/core/formatting.shorten)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MIN_WORD = 4
TOP_WORDS = 5
MIN_COUNT = 2

# Only words of MIN_WORD letters or more can count, so shorter stop words need no listing.
_NL = """
    aan achter alle allemaal alles alleen altijd ander andere anderen anders beetje best
    bijna binnen boven daar daarbij daardoor daarin daarna daarom daarvan dacht dachten
    deden deed deze dingen door doen doet echt eens eerst eigen eigenlijk elke even gaan
    gaat gedaan gehad geen geven gewoon geweest gezegd goed haar hadden heeft hebben hebt
    heel hier hierin hoeveel iemand iets ikzelf jezelf jouw jullie keer kreeg kunnen kwam
    laat laten maakt maar maken meer meest mijn mezelf misschien moest moesten moet moeten
    mocht naar nadat natuurlijk nemen niet niets nooit omdat onder ongeveer onze over
    pas sommige soms steeds telkens toch toen tussen vaak vanaf vandaag veel verder
    vond voor vooral waar waarbij waardoor waarin waarom wanneer want waren weer weet
    welke werd werden wilde willen word worden wordt zelf zelfs zich zien zijn zoals
    zodat zonder zoveel zou zouden zulke zeker
"""
_EN = """
    about above after again against also always another anything around because been
    before being below between both bring came cannot come could didn doesn doing done
    down during each either else enough even ever every felt find first from further gave
    gets give going gone have having here into itself just keep kind know last less like
    made make many maybe might more most much must myself need never next none nothing
    once only other others ours over quite rather really said same should since some
    someone something sometimes still such take than that their them themselves then there
    these they thing things think this those though thought through today told
    took very want wanted wasn well went were what when where whether which while whom
    whose will with without would your yours yourself
"""
STOP_NL = frozenset(_NL.split())
STOP_EN = frozenset(_EN.split())
STOP_WORDS = STOP_NL | STOP_EN
# Letters only: digits and punctuation separate words, so '18u' or '2x' never count.
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    """The countable words of a text: lowercase letters only, no stop words, no short ones."""
    found = _WORD.findall(text.lower())
    return [w for w in found if len(w) >= MIN_WORD and w not in STOP_WORDS]


def recurring_words(
    texts: Iterable[str], top: int = TOP_WORDS, minimum: int = MIN_COUNT
) -> tuple[tuple[str, int], ...]:
    """The `top` most frequent words with at least `minimum` uses; ties in alphabetical order."""
    counts = Counter(w for text in texts for w in words(text))
    ranked = sorted(
        (item for item in counts.items() if item[1] >= minimum),
        key=lambda item: (-item[1], item[0]),
    )
    return tuple(ranked[:top])
