"""Word families: the concepts a crisis is told in, each a handful of stems in both languages.

A rule or a model weight tied to one word ("touw") learns nothing about its siblings ("strop",
"noose", "riem"); a new author picks the sibling. Here each folded word (see words.py) is
mapped to the families whose stems it starts with (or, for short words, equals), so the model
(model.py) can weigh "a means of hanging" or "a stockpile" whichever word was used, and pairs
of families present in one sentence ("stockpile" with "pills", "jump" with "height") weigh the
combination, not the phrasing.

A family is a concept, not a verdict: "pills" is in every ordinary medication round too. Only
the weights learnt from the labelled sets say which families and pairs matter, and `explain`
in model.py names them ("f:stockpile+pills").
"""

from __future__ import annotations

from functools import cache

# Stems: a word belongs to a family when it starts with one of its stems. A stem ending in "="
# must be the whole word (short words that start too many others: "die", "mes", "sla").
FAMILIES: dict[str, tuple[str, ...]] = {
    "die": (
        "dood=", "dode=", "doodga", "sterv", "sterf", "stierf", "gestorven", "die=", "dies=",
        "dying", "dead=", "death", "doodgaan", "overlijd", "overleden",
    ),
    "suicide": ("zelfmoord", "zelfdod", "suicid", "suicide", "unalive"),
    "kill": ("kill", "doden=", "ombreng", "omleggen", "offing", "off="),
    "end": (
        "eind", "einde", "end=", "ending", "ended", "beeindig", "ophoud", "punt=", "stoppen=",
        "stop=", "stops=", "over=", "voorbij", "klaar=", "done=", "gedaan=",
    ),
    "life": (
        "leven=", "leef=", "leefde", "live=", "living", "life=", "alive", "exist", "bestaan",
        "besta=", "doorgaan", "verder=", "going=", "keep=", "carry", "still=", "nog=",
    ),
    "gone": (
        "weg=", "wegzijn", "verdwijn", "disappear", "vanish", "gone=", "away=", "here=", "hier=",
        "around=", "there=", "er=",
    ),
    "forever": ("voorgoed", "altijd", "forever", "permanent", "eeuwig", "good=", "nooit=",
                "never="),
    "wake": ("wakker", "wake", "waking", "woke", "opstaan", "inslapen", "slapen", "sleep"),
    "burden": ("last=", "burden", "ballast", "blok="),
    "without": ("zonder", "without", "beter=", "better=", "af="),
    "point": (
        "zin=", "point=", "pointless", "zinloos", "reden=", "reason", "waarom", "why=",
        "waarvoor", "nut=", "meaning",
    ),
    "future": ("toekomst", "future", "uitweg", "outlook", "perspectief", "hoop=", "hope=",
               "hopeless", "hopeloos"),
    "wish": (
        "wil=", "wilt=", "wilde=", "wou=", "willen", "wens", "want", "wanna", "wish", "hope=",
        "hoping", "rather", "liever", "liefst", "verlang", "long=", "longing", "zou=", "would=",
        "wd=", "id=", "kzou",
    ),
    "think": (
        "denk", "dacht", "gedacht", "gedachte", "think", "thought", "considering", "overweeg",
        "fantas", "idee", "idea",
    ),
    "pills": (
        "pil", "pill", "tablet", "meds=", "medic", "medicijn", "slaapmid", "slaappil",
        "paracetamol", "sertralin", "antidepress", "insulin", "morfin", "morphin", "oxycod",
        "tramadol", "codein", "dosis", "dose=", "doses", "overdos", "slaapmedicatie", "sleeping",
        "voorschrift", "prescription", "tabs=", "pijnstill", "painkiller",
    ),
    "stockpile": (
        "spaar", "gespaard", "opgespaard", "opsparen", "saving", "saved", "save=", "stockpil",
        "stash", "hoard", "verzamel", "collect", "bewaar", "bewaard", "hamster", "gehamsterd",
        "apart=", "aside", "verstop", "hidden", "hid=", "hiding", "genoeg", "enough",
        "voldoende", "keeping",
    ),
    "hang": (
        "touw", "koord", "rope", "strop", "noose", "riem", "belt", "ligature", "ophang",
        "opgehang", "verhang", "hang", "hung=", "knoop", "knot", "sjaal", "scarf", "kabel",
        "cable", "haak", "hook", "balk=", "beam",
    ),
    "jump": ("spring", "gesprong", "jump", "leap", "sprong", "vallen", "fall=", "drop=",
             "beneden", "down="),
    "height": (
        "brug", "bridge", "dak=", "daken", "roof", "flat=", "flats", "flatgebouw", "toren",
        "tower", "balkon", "balcon", "klif", "cliff", "parkeergarage", "carpark", "park=",
        "ledge", "storey", "verdieping", "floor", "hoog", "high", "viaduct", "rand=", "edge",
        "raam", "window", "hoogte", "heights",
    ),
    "rail": (
        "spoor", "sporen", "track", "railway", "rail=", "rails", "trein", "train", "perron",
        "platform", "overweg", "level=", "tram=",
    ),
    "vehicle": (
        "auto=", "autos", "car=", "cars=", "garage", "engine", "motor", "uitlaat", "exhaust",
        "gas=", "vrachtwagen", "lorry", "truck", "bus=", "camion", "tegenligger", "oncoming",
        "pijler", "pillar", "boom=", "tree=", "muur", "wall=", "rijden", "drive", "driving",
        "drove", "reed=", "snelweg", "motorway",
    ),
    "water": (
        "water", "rivier", "river", "kanaal", "canal", "zee=", "sea=", "dijk", "pier=", "kade",
        "quay", "verdrink", "drown", "diep", "deep", "meer=", "lake", "quarry", "haven",
        "harbour",
    ),
    "blade": ("mes=", "mesje", "messen", "knife", "knives", "blade", "razor", "scheermes",
              "scheermesje", "glas=", "glass", "schaar", "scissors"),
    "cut": (
        "snij", "snijd", "sneed", "sneden", "sneetjes", "snee=", "gesneden", "kras", "gekrast",
        "krab", "cut=", "cuts=", "cutting", "scratch", "slash", "carv", "wond", "wound",
        "litteken", "scar", "bloed", "bled=", "bleed", "blood",
    ),
    "burn": ("brand", "verbrand", "gebrand", "burn", "aansteker", "lighter", "sigaret",
             "cigarette", "heet=", "hot=", "kookplaat", "strijkijzer", "kettle", "waterkoker"),
    "hit": (
        "sla=", "slaan", "sloeg", "geslagen", "hit=", "hitting", "punch", "bonk", "bang",
        "knijp", "geknepen", "pinch", "bijt", "gebeten", "bite", "biting", "nagels", "nails",
    ),
    "harm": (
        "harm", "hurt", "pijn=", "pijn", "beschadig", "zelfbeschadig", "verwond", "injur",
        "aandoen", "aangedaan", "selfharm", "automutil", "bezeer", "straf", "punish",
    ),
    "purpose": ("expres", "opzet", "bewust", "purpose", "deliberate", "opzettelijk"),
    "farewell": (
        "afscheid", "goodbye", "farewell", "vaarwel", "brief", "brieven", "briefje", "letter",
        "note=", "notes", "testament", "will=", "wachtwoord", "password", "weggeg", "weggeven",
        "giving", "gave=", "given", "video", "opgenomen", "recorded", "geregeld", "sorted",
        "orde=", "order=", "affairs", "zaken",
    ),
    "search": (
        "opgezocht", "opzoeken", "googl", "gegoogel", "search", "looked", "looking",
        "uitgezocht", "uitgerekend", "worked=", "checked", "gekeken", "kijken", "research",
        "scout", "verkend",
    ),
    "when": (
        "datum", "date=", "gekozen", "picked", "chosen", "besloten", "besluit", "decided",
        "decision", "plan=", "plans=", "planned", "plannen", "vanavond", "vannacht", "tonight",
        "wanneer", "when=", "welke", "which", "weekend", "verjaardag", "birthday",
    ),
    "nerve": ("moed=", "durf", "durven", "gedurfd", "nerve", "guts", "courage", "bijna",
              "nearly", "almost", "klaar=", "ready"),
    "first": (
        "ik=", "k=", "kheb=", "kwil=", "kzou=", "i=", "im=", "ive=", "id=", "ill=", "me=",
        "mij=", "mezelf", "myself", "my=", "mijn=", "mn=", "men=", "ikzelf",
    ),
    "third": (
        "hij=", "zij=", "ze=", "hem=", "haar=", "zichzelf", "zich=", "zn=", "he=", "she=",
        "him=", "her=", "himself", "herself", "hes=", "shes=", "client", "clint", "bewoner",
        "bewoonster", "resident", "patient", "pt=", "jongere", "jongen", "meisje", "meneer",
        "mevrouw", "mevr=", "mr=", "mrs=", "lad=", "girl=", "boy=", "service", "user=",
        "caseload", "pupil", "cliente", "clientje",
    ),
    "report": (
        "zei=", "zegt=", "vertel", "told", "said", "says", "sprak", "talked", "disclosed",
        "mentioned", "belde", "rang=", "called", "appje", "texted", "schreef", "wrote",
        "stuurde", "sent=",
    ),
    "negate": ("niet=", "ni=", "nie=", "geen=", "gene=", "nooit=", "not=", "never=", "dont=",
               "didnt", "no=", "nee=", "neen=", "havent", "wont=", "isnt", "arent"),
    "past": ("vroeger", "geleden", "ago=", "used=", "destijds", "verleden", "vorig", "last=",
             "ooit", "once="),
    "laugh": ("haha", "hihi", "lol=", "lmao", "grap", "joke", "joking", "kidding", "jk="),
    "work": (
        "dienst", "shift", "vergader", "meeting", "overleg", "rapport", "report", "verslag",
        "admin", "planning", "rota", "rooster", "collega", "colleague", "team=", "caseload",
        "huisbezoek", "visit", "mdo", "supervisie", "supervision", "intake", "printer", "excel",
        "spreadsheet", "file=", "traffic",
    ),
    "care": (
        "palliat", "euthanas", "uitvaart", "begrafenis", "funeral", "rouw", "bereave",
        "condolean", "overleden", "passed", "hospice", "vredig", "peaceful",
    ),
}

_WHOLE: dict[str, set[str]] = {}
_PREFIX: dict[str, list[tuple[str, str]]] = {}  # by first letter
for _family, _stems in FAMILIES.items():
    for _stem in _stems:
        if _stem.endswith("="):
            _WHOLE.setdefault(_stem[:-1], set()).add(_family)
        else:
            _PREFIX.setdefault(_stem[0], []).append((_stem, _family))


@cache
def word_families(word: str) -> tuple[str, ...]:
    """The families one folded word belongs to, sorted, each once."""
    found = set(_WHOLE.get(word, ()))
    if word:
        found.update(f for stem, f in _PREFIX.get(word[0], ()) if word.startswith(stem))
    return tuple(sorted(found))


def sentence_families(words: str) -> tuple[str, ...]:
    """The families of a folded sentence's words, sorted, each once."""
    found: set[str] = set()
    for word in words.split(" "):
        found.update(word_families(word))
    return tuple(sorted(found))
