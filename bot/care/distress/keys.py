"""The words some rule needs: a sentence with none of them is not read by the rules at all.

Every rule combines a concept (dying, living, harming, a means, a place, a farewell, a time
chosen, being missed) with a cue; each match holds at least one of these stems, so a sentence
without any is passed over in one scan instead of some sixty. Stems, not words: they catch
compounds ("badkamerdeur", "slaappillen"). A unit test checks that every match of every rule on
the test sentences holds a stem; a rule added with a new concept word adds its stem here.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

_STEMS = (
    r"dood|dead|\bdie\b|\bdies\b|\bdied\b|dying|sterv|sterf|stierf|overlijd|suicid"
    r"|zelfmoord|zelfdod|doods|death"
    r"|kill|leven|\blive|living|\blife|alive|exist|besta|wakker|wake|burden|\blast\b"
    r"|blok aan|ballast"
    r"|zonder|without|toekomst|future|uitweg|way out|hoop|hope|verdwijn|disappear|vanish"
    r"|gone|\bweg\b"
    r"|voorgoed|voor altijd|forever|for good|permanent|eeuwig|erna|nadien|afterwards"
    r"|snij|sned|snee|kras|krab|\bcut|burn|brand|harm|hurt|pijn|\bsla\b|slaat|sloeg"
    r"|geslagen|scratch|punch"
    r"|verwond|beschadig|bezeer|automutil|selfinjur|self injur|bijt|beet|gebeten|bite|knijp"
    r"|stomp|bonk|bang"
    r"|starv|uithonger|straf|punish|opzet|expres|purpose|deliberate|pulled|trok"
    r"|uitgetrokken|kapotge|openge|stukge"
    r"|muur|wall|deur|door|wonden|wondjes|littekens|sneeen|wounds|scars"
    r"|pil|tablet|meds|medic|medicijn|slaapmiddel|pijnstill|paracetamol|antidepress|insulin"
    r"|morfin|morphin"
    r"|sertralin|oxycod|azepam|zolpidem|tramadol|codein|touw|koord|rope|\bmes\b|mesje|knife"
    r"|blade|razor"
    r"|pistool|wapen|gun|geweer|firearm|\bgas|tuinslang|hosepipe|houtskool|charcoal"
    r"|ligature|strop|noose|riem|belt"
    r"|brief|brieven|letter|notes|afscheid|goodbye|farewell|vaarwel|testament|\bwill\b"
    r"|passwords|wachtwoord|affairs|papieren|papers"
    r"|brug|bridge|\bdak\b|roof|flat|toren|tower|balkon|balcon|raam|window|klif|cliff"
    r"|viaduct|parkeergarage|car park|building|ledge|storey"
    r"|spoor|sporen|tracks|railway|station|perron|platform|trein|train|tram|auto|\bcar\b"
    r"|vrachtwagen|lorry|truck|\bbus\b|metro|tube|subway"
    r"|spring|jump|leap|sprong|vallen|\bfall|pletter|boom|tree|pijler|pillar|tegenligger"
    r"|oncoming|crash|swerve|steer|drive|driving|rij"
    r"|eind|einde|\bend|ending|punt|ophang|verhang|hang|drown|verdrink|poison|vergiftig"
    r"|overdos|poging|attempt|tried|probeer"
    r"|ongeluk|accident|ziekte|illness|terminal|diagnos|cancer|kanker|ongeneeslijk"
    r"|incurable|aanrij|overrij|aangereden|overreden|hits me|hit me|took me out"
    r"|takes me out|schept|raakt"
    r"|geboren|born|niet meer|no longer|not to be|anymore|not being|wasnt|werent|wegviel"
    r"|opstaan|\bleef\b|aan te doen|aandoen|aangedaan|aan doen|van kant|ombreng|\btop"
    r"|offing|\boff\b"
    r"|bit my|bit his|bit her|carv|picking|picked|slash|what i did to|to find|not here"
    r"|not around|als ik ga|when i go|once i go"
    r"|dosis|dose|hoeveel|how many|how much|genoeg|enough|voldoende|gespaard|spaar|stockpil"
    r"|hoard|stash|saving|saved|collect|verzamel|hamster|verstop|\bhid|stored|stocked"
    r"|bewaard|apart|aside|bij elkaar"
    r"|geoefend|oefen|practi|rehears|durf|nerve|go through with|huis leeg"
    r"|house empty|house is empty|niemand thuis|nobody|niemand|no one|noone|geen mens|not a soul"
    r"|geen kat"
    r"|treintijden|train times|dienstregeling|timetable|treinregeling|hoe hoog|how high"
    r"|drop|afremmen|slow down|go over|fence|hek"
    r"|drang|neiging|urge|craving|tempted|verleiding|hervallen|herval|relaps|methods"
    r"|methode|manieren|ways to|painless|pijnloos|lethal|dodelijk"
    r"|verlang|long for|longing|yearn|stop|ophoud|quit|cease|\bover\b|voorbij|slaap|sleep"
    r"|niks|niets|nothing|miss|merken|schelen|relief|opluchting|opgelucht|relieved"
    r"|geboekt|booked|hotel|gegeven|gave|given|giving|weggeg|weggeven|alles geregeld"
    r"|do it|doen|doden|date|datum|\bdag\b|\bday\b|plan|point|be here|be around|ready"
    r"|aansteker|lighter|sigaret|cigarette|strijkijzer|kettle|passer|compass|\bnog ben"
    r"|still be"
    r"|gekozen|chosen|picked|geprikt|vastgelegd|decided|besloten|besluit|beslis|decide"
    r"|bedacht|uitgedacht|figured|worked out|uitgezocht|opgezocht|googl|gegoogel|search"
    r"|research|looked up|looking up|lookin up|gezocht|opzoek|read up"
    r"|gedaan|myself|mezelf|zichzelf|himself|herself|themsel|wanneer|when and how|make it"
    r"|happen|overkomt|gebeurt"
    # said sideways (rules.py, _SIDEWAYS)
    r"|jaloers|envy|envie|envious|benijd|uitvaart|funeral|ligt klaar|alles klaar|laid out"
    r"|lined up|klaargelegd|meer nodig|wont need|wont be needing|no longer need"
    r"|voor straks|for after|time comes|moment comes|moment komt|zover is|zo ver is|niet terug"
    r"|meer terug|terugkom|coming back|come back|doe ik het|doing it|thats when|waarvoor"
    r"|what for|erachteraan|achterna|overstek|overstak|overgestoken|without looking|uitgekeken"
    r"|not really looking|waarom ben ik er|why am i still|mouwen|sleeves|geknepen|kneep|waking"
    r"|something serious|iets ernstigs|checking out|check out|checked out|clock out|bow out"
    r"|tap out|eruit|uit te stap|vannacht|vanavond|tonight|te veel is|too much is"
    r"|too many are|doing with|\bhose|coming for|care whether|care if|niet uit of|schelen of"
    r"|kookplaat|\bhob\b|fornuis|stove|waterkoker|hot water|heet water|te veel|how far down"
    r"|hoe diep|\bdijk|\bpier\b|\bkade|multistorey|top floor|bovenste verdieping|verzekering"
    r"|insurance|ik ook|mij ook|me too|me included|lights out|light out|licht uit|get up"
    r"|voorschrift|prescription|recept|\bnote\b|subject for later|onderwerp voor later"
    r"|knoop|knot"
    # families (rules.py, _FAMILY_RULES)
    r"|waarom|\bwhy\b|reason|reden|going|doorga|door te gaan|verder|carry on|continu"
    r"|strength|kracht|energ|\bwill\b|\bwil\b|toekomst|\brust|\brest\b|permanently|wegzijn"
    r"|moeten|swallow|downed|talk|spoke|sprak|spreek|praat|handful|handvol|strip|\bbox\b|doos"
    r"|gesprong|gehangen|geknoopt|knotted|\btied\b|strung|kabel|cable|water|\bsea\b|\bzee\b"
    r"|rivier|river|kanaal|canal|gracht|\blake\b|\bmeer\b|harbour|quarry|waves"
    r"|way through|way forward|picture|imagine|levenslust|\blust\b|kwijt|verdwenen|verloren"
    r"|\blost\b"
    r"|engine|motor|uitlaat|exhaust|ready|klaar|\bligt\b|\blies\b|\bzit\b|waiting|daarvoor"
    r"|scheermes|bestond"
    # round 7 (rules.py, _ROUND7_RULES)
    r"|space|waard|worth|klap|mep|dreun|deserve|verdien|meals|maaltijd|get to eat|eten\b"
    r"|eating|graveyard|cemetery|kerkhof|begraafplaats|\bgrave|graf\b|nails|nagels|plaster"
    r"|pleister|pocket|meegepakt|gepikt|gestolen|stole|nicked|pinched|swiped|stap|step"
    r"|thats where|dat is waar|dats waar|het gebeuren|the day|de dag|het zover|know|knew"
    r"|wisten|weten|wist|doorhad|door hadden|had door|hier zijn|here anymore|around anymore"
    r"|no idea|no clue|geen idee|geen benul|geslagen|gestompt|gebonkt|sloeg|\bhit|bled|bleed"
    r"|bloed|bruis|blauw|stuff|things|belongings|spullen|bezittingen|possessions"
    # round 8 (rules.py, _ROUND8_RULES)
    r"|weight|drain|kost|plaats|scar|hair|\bhaar|haren|rehom|herplaats|\bcats?\b|\bkat\b"
    r"|\bdogs?\b|\bhond|konijn|rabbit|draft|concept|scheduled|ingepland|gepland|spot\b|plek"
    r"|cart|trolley|returns|medicijnkast|voorraad"
)
KEYS = re.compile(_STEMS)
# Most stems lie within one word: those are tested once per distinct word (cached), the few
# spanning two words ("way out", "for good") by a much shorter alternation over the sentence.
_PHRASES = re.compile("|".join(stem for stem in _STEMS.split("|") if " " in stem))
_IN_WORD = re.compile("|".join(stem for stem in _STEMS.split("|") if " " not in stem))


@cache
def _word_has_key(word: str) -> bool:
    return _IN_WORD.search(word) is not None


def has_key(words: str) -> bool:
    """True when the folded sentence holds a stem some rule needs (same answer as KEYS)."""
    return any(_word_has_key(w) for w in words.split(" ")) or bool(_PHRASES.search(words))


# --- per rule: the literal words one of which every match holds -----------------------------------
# Read from the rule's own regex (its parse tree), so it cannot drift from the rule: a sequence
# needs any one of its parts, an alternation one literal from each branch, a repeat of at least
# one its body. A rule whose literals are all absent from a sentence cannot match it and is not
# searched (a substring test is far cheaper than a regex search).

_parser: Any = importlib.import_module("re._parser")
_LITERAL, _BRANCH, _SUBPATTERN = _parser.LITERAL, _parser.BRANCH, _parser.SUBPATTERN
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT)
_MAX_LITERALS = 48  # more than this and the test costs about what the search does


def _score(literals: frozenset[str]) -> tuple[int, int]:
    """Longer literals, and fewer, make a sharper test: "in" is in every sentence, "mezelf"
    in few."""
    return (sum(_COST.get(len(s.strip()), 0) + 1 for s in literals), len(literals))


_COST = {2: 400, 3: 60, 4: 8}


def _required(items: Any) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found = _required_of(op, arg)
        if found:
            candidates.append(found)
    # single letters and spaces say nothing: every sentence has them
    useful = [
        c for c in candidates
        if c and len(c) <= _MAX_LITERALS and all(len(s.strip()) > 1 for s in c)
    ]
    return min(useful, key=_score) if useful else None


def _required_of(op: Any, arg: Any) -> frozenset[str] | None:
    """The literals one of which every match of one non-literal part holds (a group, an
    alternation, a repeat of at least one), or None."""
    if op is _SUBPATTERN:
        return _required(arg[-1])
    if op is _BRANCH:
        branches = [_required(branch) for branch in arg[1]]
        if all(b is not None for b in branches):
            return frozenset().union(*(b for b in branches if b is not None))
        return None
    if op in _REPEATS and arg[0] >= 1:
        return _required(arg[2])
    return None


@cache
def rule_literals(pattern: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match of `pattern` holds; None when the regex says
    too little (the rule is then always searched)."""
    found = _required(_parser.parse(pattern))
    return None if found is None else tuple(sorted(found))


class Literals:
    """Which of many literal strings a text holds, found in one regex pass instead of one
    substring test each (1,138 literals of the rules: about 50 µs a sentence as `in` tests).

    The pass is a trie of the literals, tried at every position of the text inside a lookahead,
    greedy, so it gives the longest literal starting there. Every literal starting at that
    position is a prefix of that longest one, and each literal's prefixes among the literals are
    known beforehand: the set found is exactly the literals `in` the text.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted(set(literals))
        self._pass = re.compile(f"(?=({_trie(words)}))") if words else None
        # A literal, and the literals that are prefixes of it (itself included).
        known = set(words)
        self.prefixes = {
            m: tuple(m[:end] for end in range(1, len(m) + 1) if m[:end] in known) for m in words
        }

    def longest(self, text: str) -> set[str]:
        """The longest literal at each position of the text where one starts."""
        if self._pass is None:
            return set()
        return {match.group(1) for match in self._pass.finditer(text)}

    def present(self, text: str) -> set[str]:
        """Every literal that is a substring of the text (the same as `{w for w in literals if
        w in text}`)."""
        return {w for longest in self.longest(text) for w in self.prefixes[longest]}


def _trie(words: list[str]) -> str:
    """A regex matching any of the words, longest first (a trie: each branch a distinct
    character, so a greedy match backs off only to a shorter word on the same path)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
