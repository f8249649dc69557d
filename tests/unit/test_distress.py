"""The distress reader: the writer's own crisis, a client's, and the many ways of saying neither.

Every sentence here is written for the tests, not copied from the benchmark sets. No network.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.care.distress import read_distress
from bot.care.distress.keys import Literals, rule_literals
from bot.care.distress.model import Features, Model
from bot.care.distress.reader import SURE_WHOSE, _mender, read_with
from bot.care.distress.rules import RULES
from bot.care.distress.words import clauses, sentences

# Round 10: the model reads these as a client's crisis at P(client) >= SURE_CLIENT (0.9); that
# reading raised blind client-as-client from 0.58 to 0.85 at +0.75% ordinary false alarms
# (benchmarks/README.md). Kept as known misreads: strict, so a fix shows.
MISREAD_AS_CLIENT = pytest.mark.xfail(strict=True, reason="read as a client's crisis")
# Round 11's model (47 sets) reads a rope named at a chore as a plan: P(plan) 0.67.
MISREAD_AS_A_MEANS = pytest.mark.xfail(strict=True, reason="read as the writer's means")

SELF_NL = [
    "Ik denk er de laatste dagen aan om zelfmoord te plegen.",
    "Eigenlijk wil ik gewoon sterven.",
    "k wil nie meer leven",
    "Ik wou dat ik niet meer wakker werd morgen.",
    "Iedereen zou beter af zijn zonder mij, echt.",
    "Ik ben het leven zo moe.",
    "Gisteren heb ik weer in mijn pols gekrast.",
    "De drang om te snijden was vannacht enorm.",
    "Ik heb al een hele tijd pillen opgespaard.",
    "Ik heb een afscheidsbrief voor mijn man klaarliggen.",
    "Ik heb opgezocht hoeveel pillen dodelijk zijn.",
]
SELF_EN = [
    "I think about killing myself most nights.",
    "Honestly I just want to die.",
    "I wish I could go to sleep and never wake up.",
    "My kids would be better off without me.",
    "I'm so tired of living.",
    "I burned my arm with a lighter again last night.",
    "The urge to cut is back.",
    "I've been stockpiling my sleeping pills.",
    "I've picked the date, after the holidays.",
    "I researched painless ways to die.",
]
CLIENT = [
    "Een cliënt vertelde me dat hij zichzelf wil ophangen.",
    "Mijn jongere heeft zich vannacht weer gesneden.",
    "Mevrouw zei dat ze niet meer wil leven.",
    "A client told me she wants to end her life.",
    "He said he had been cutting his arms again.",
    "My service user has been saving up her pills.",
]
CALM = [
    # hyperbole
    "Ik lag plat van het lachen, ik ging dood haha",
    "Die vergadering, ik ga nog dood van verveling.",
    "This rota is killing me.",
    "I'm dying for a coffee.",
    "If I have to do one more audit I'll kill myself 😂",
    # work and death
    "Meneer is vanochtend rustig overleden.",
    "We went to the funeral of a resident today.",
    "Mevrouw wil graag thuis sterven, we regelen de palliatieve zorg.",
    # negation
    "Ik wil niet dood, ik wil gewoon vakantie.",
    "I'm not suicidal, just very tired.",
    "No thoughts of harming myself, just a heavy week.",
    "Geen doodsgedachten gelukkig, wel veel stress.",
    "Ik denk soms aan de dood maar ik zou het nooit doen.",
    "It's not that I want to die, I just need rest.",
    "I used to self-harm as a student but that's long behind me.",
    # ordinary
    "Lange dag, veel verslagen, weinig pauze.",
    "I cut my finger while chopping vegetables with the group.",
    "Ik ben het zo beu met die planning.",
    "I want to quit this job some days.",
    "Ik wil even verdwijnen naar zee dit weekend.",
]


@pytest.mark.parametrize("text", SELF_NL + SELF_EN)
def test_own_crisis_is_read_as_self(text: str) -> None:
    reading = read_distress(text)
    assert reading.concern == "self"
    assert reading.crisis
    assert reading.signals


@pytest.mark.parametrize("text", CLIENT)
def test_third_person_crisis_is_read_as_client(text: str) -> None:
    assert read_distress(text).concern == "client"


@pytest.mark.parametrize("text", CALM)
def test_figures_work_death_negation_and_ordinary_days_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_reported_speech_belongs_to_the_speaker() -> None:
    assert read_distress('De jongen zei: "ik wil dood".').concern == "client"
    assert read_distress('She texted me "I want to kill myself" at midnight.').concern == "client"


@pytest.mark.parametrize(
    "text",
    [
        "IK WIL DOOD",
        "i want to kill myself",
        "Ik heb zelfmoordgedachten",  # no accents needed either way
        "Ik heb suïcidale gedachten",
        "ik ben suicidaal",
        "I want to kill mysefl",  # one-letter typos in key words
        "ik wil mezlef ombrengen",
        "I've been thinking about sucide",
        "Ik\u00a0wil\u00a0dood",  # no-break spaces
        "I want to\u200b kill my\u200bself",  # zero-width space
        "Ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # fullwidth letters
        "ik wil dood 😔💔",
        "I wanna kms",
    ],
)
def test_robust_to_case_accents_typos_and_pasted_characters(text: str) -> None:
    assert read_distress(text).concern == "self"


def test_laughing_emoji_marks_a_joke_unless_denied() -> None:
    assert read_distress("Nog één vergadering en ik spring van het dak 🤣").concern is None
    assert read_distress("I want to die, no joke 😂").concern == "self"


def test_crisis_sentence_buried_in_a_long_text() -> None:
    filler = "Vandaag drie huisbezoeken gedaan en een lang teamoverleg gehad. " * 150
    text = filler + "Eerlijk gezegd wil ik er een einde aan maken. " + filler
    assert read_distress(text).concern == "self"


def test_long_text_without_crisis_is_calm() -> None:
    text = "A long shift, lots of notes, a good talk with a teenager, then home. " * 300
    assert read_distress(text).concern is None


def test_very_long_and_adversarial_texts_do_not_fail() -> None:
    read_distress("a" * 100_000)
    read_distress("ik " * 50_000)
    read_distress("wil " * 30_000 + "dood")
    read_distress(("I want to " + "really " * 40) * 500)
    read_distress("\u200b" * 10_000 + "x")
    assert read_distress("").concern is None


PLAN_AND_PASSIVE = [
    "Ik heb de brieven voor mijn broer geschreven, ze liggen in de lade.",
    "I've sorted my passwords into an envelope so my partner can find them afterwards.",
    "Gisteren naar de hoge brug gereden om te kijken hoe hoog het precies is.",
    "I keep taking a couple of tablets from the stock, nobody counts them.",
    "I don't think I'll still be here by the summer.",
    "Ik zie geen enkele reden meer om te leven.",
]
NOT_SO = [
    "Last year I had suicidal thoughts. I got help and I'm fine now.",
    "She asked me whether I ever think of ending it. Honestly, no.",
    "I wrote letters to my clients' families about the new rota.",
    "I've arranged cover for when I'm gone on leave next week.",
]


@pytest.mark.parametrize("text", PLAN_AND_PASSIVE)
def test_plans_and_passive_wishes_in_other_words(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", NOT_SO)
def test_resolved_past_answers_and_work_letters_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_every_rule_match_holds_a_key_stem() -> None:
    """The pre-filter is sound on the test sentences: no rule matches where no stem is."""
    from bot.care.distress.keys import KEYS
    from bot.care.distress.reader import _mender
    from bot.care.distress.rules import RULES
    from bot.care.distress.words import sentences

    texts = [*SELF_NL, *SELF_EN, *CLIENT, *CALM, *PLAN_AND_PASSIVE, *NOT_SO, *ROUND6_SELF,
             *ROUND6_CALM]
    for text in texts:
        if not isinstance(text, str):  # a pytest.param
            (text,) = text.values
        for sentence in sentences(text):
            words = _mender().mend(sentence)
            for rule in RULES:
                for match in rule.pattern.finditer(words):
                    assert KEYS.search(match.group(0)), (rule.signal, match.group(0))


def test_model_loads_once_and_round_trips_byte_for_byte() -> None:
    from bot.care.distress.model import WEIGHTS, Model, load_model

    model = load_model()
    assert model is not None and model is load_model()
    assert 0 < model.threshold < 1 and "explicit" in model.classes and "ordinary" in model.classes
    text = WEIGHTS.read_text(encoding="utf-8")
    assert Model.from_json(text).to_json() == text


def test_model_scores_are_deterministic_and_explained() -> None:
    from bot.care.distress.model import load_model
    from bot.care.distress.reader import _mender, explain
    from bot.care.distress.words import sentences

    model = load_model()
    assert model is not None
    words = _mender().mend(sentences("Soms hoop ik dat ik gewoon niet meer wakker word.")[0])
    assert model.self_score(words) == model.self_score(words) > model.threshold
    reasons = explain("Soms hoop ik dat ik gewoon niet meer wakker word.")[0]
    assert reasons and all(weight > 0 for _, weight in reasons)
    assert explain("") == []


# Written fresh for the model: no rule matches these; the model's second opinion reads them.
UNSEEN_MODEL = [
    "Ik heb de touwen al in de garage liggen.",
    # (the model retrained on dev-dev7 no longer reads "I've started giving away my things to
    # friends"; its Dutch twin it does)
    "Ik heb mijn spullen al aan vrienden weggegeven.",
    "I have started saying goodbye to people in my head.",
]


@pytest.mark.parametrize("text", UNSEEN_MODEL)
def test_model_reads_what_no_rule_matches(text: str) -> None:
    from bot.care.distress.reader import read_with

    assert read_with(text, None).concern is None
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize(
    "text",
    [
        "De vergadering liep uit, daarna nog twee verslagen.",
        "Had a lovely chat with the team about the summer party.",
        "Ik heb de planning voor volgende week al klaarliggen.",
        "I've started handing over my caseload before the holidays.",
    ],
)
def test_model_leaves_ordinary_fresh_sentences_calm(text: str) -> None:
    assert read_distress(text).concern is None


# Said sideways, over a few short sentences: written fresh for the tests, read by the rules alone.
SIDEWAYS_SELF = [
    "Mijn fiets heb ik aan de buurjongen gegeven. Ik heb hem toch niet meer nodig.",
    "Gave my guitar to my nephew last night. Won't be needing it.",
    "Mijn hond logeert bij mijn broer. Hij denkt dat het voor een cursus is. Ik kom niet terug.",
    "My records are all handed over. Told them I'm relocating, which isn't true. I won't be here.",
    "Zondag, als iedereen naar oma is. Dan doe ik het.",
    "Stood on the top floor of the car park after work. I know how high it is now.",
    "Het maakt me niet uit of ik er volgend jaar nog ben.",
    "If everything stopped for me tomorrow, honestly, I wouldn't mind.",
    "Soms vraag ik me af of het thuis rustiger zou zijn zonder mij.",
    "Het snijden is terug, twee keer deze week.",
    "Plasters on my thighs where nobody looks.",
    "Ik zou het niet erg vinden om in mijn slaap te sterven, eerlijk gezegd.",
]
SIDEWAYS_CLIENT = [
    "'Ik wil er niet meer zijn,' zei mevrouw toen ik haar medicatie bracht.",
    "In her room I found a goodbye note to her mum.",
    "Dhr. had een strop onder zijn matras, samen verwijderd.",
    "The lad admitted he took too much on purpose last weekend.",
]
SIDEWAYS_CALM = [
    "I gave the old laptops to IT. We won't need them anymore.",
    "Sent the minutes to the team for later.",
    "When everyone is out on Saturday I'll do it, the big clean.",
    "Ik heb mezelf beloofd om naar de zee te gaan deze zomer.",
    "Ik kom niet terug op mijn beslissing over de planning.",
    "I'm not coming back to this team after the summer.",
    "We worked out the how and the when of her discharge.",
    "This spreadsheet makes me want to shoot myself.",
    "Die teamdag was om zelfmoord te plegen, zo lang.",
    "Een overdosis aan vergaderingen deze week.",
    "Nee, ik kras mezelf niet meer. Dat is voorbij.",
    "I'm not having any thoughts of harming myself, my GP asked and I said so.",
    "Afscheidsdienst vandaag voor een bewoner. Zelfdoding. Het team is stil.",
]


@pytest.mark.parametrize("text", SIDEWAYS_SELF)
def test_sideways_crisis_is_the_writers(text: str) -> None:
    from bot.care.distress.reader import read_with

    assert read_with(text, None).concern == "self"


@pytest.mark.parametrize("text", SIDEWAYS_CLIENT)
def test_sideways_client_crisis_is_the_clients(text: str) -> None:
    from bot.care.distress.reader import read_with

    assert read_with(text, None).concern == "client"


@pytest.mark.parametrize("text", SIDEWAYS_CALM)
def test_sideways_look_alikes_are_calm(text: str) -> None:
    from bot.care.distress.reader import read_with

    assert read_with(text, None).concern is None


# Word families (rules.py `_FAMILY_RULES`, words.py chat spellings, reader.py figures and
# deaths told as done): written fresh for the tests, read by the rules alone.
FAMILY_SELF = [
    # why still here, what for; no reason or strength to go on
    "Ik begrijp echt niet waarom ik nog besta.",
    "honestly dunno why i'm even still alive",
    "Er is geen enkele reden meer om door te gaan.",
    "there's no real reason to carry on",
    "I've lost the strength to keep living.",
    "kwil ni meer verder, echt ni",
    "I can't imagine any future for myself.",
    # rest for ever; nearly jumped; a plan ready; the blade back; too many pills
    "Ik verlang naar een slaap die nooit ophoudt.",
    "stond op de brug vannacht, bijna gesprongen",
    "I'm going to jump off the multistorey if this goes on.",
    "My plan is ready, I only need the nerve.",
    "Swallowed a handful of my tablets last night to blank it all out.",
    "razor again last night",
    # Flemish and chat spellings
    "mss is het beter als k er ni meer ben, dan is er rust",
    "my family would be better off w/o me",
    # a means of hanging put up; into the water; "die" as a demonstrative
    "Ik heb het touw al vastgemaakt op zolder.",
    "I keep thinking about walking into the sea and not stopping.",
    "Verslagen af. Die gedachte blijft maar komen: ik wil er een eind aan maken.",
    # the will to live gone; better off without me, either order; a report handed back
    "Sinds de zomer is mijn levenslust helemaal verdwenen.",
    "Honestly my will to live has just gone.",
    "Zonder mij zijn ze allemaal beter af.",
    "My manager says it's a phase, but I can't see any way forward for me.",
]
FAMILY_CLIENT = [
    "A resident spoke about suicide at breakfast.",
    "Een 15jarige zei dat ze zich snijdt.",
    "Client says she took too many pills, not to die, she says, just to sleep.",
    "Hij vertelde dat hij erover denkt het kanaal in te rijden.",
    "The girl told me she burns herself when she's alone.",
]
FAMILY_CALM = [
    # why still here at work; no reason to continue a meeting; a plan for the week
    "Ik snap niet waarom ik nog in dit team werk.",
    "No reason to carry on with the meeting after that.",
    "The care plan is ready for Monday.",
    "Mijn werkplan is klaar.",
    "Ik wil niet meer verder in deze job.",
    "I can't see a future for this project.",
    "I want to be gone on holiday for good, ha.",
    # jumps that are not, pills taken by mistake
    "The kids nearly jumped into the pool with their clothes on.",
    "Accidentally took a double dose of my tablets, rang the pharmacist.",
    # a past wish over a blush or a trifle; a death told as done; a denial and a past
    "So embarrassed I wanted to die when I called her by the wrong name.",
    "Die file vanochtend, ik wou dood.",
    "Een oud-cliënt is overleden aan een overdosis, het team is aangeslagen.",
    "Quitting has never been an option for me, and neither has ending it.",
    "Ik heb mezelf ooit gesneden, maar dat is verleden tijd.",
    pytest.param(
        "Meneer K zei dat hij beter slaapt sinds de nieuwe medicatie.",
        marks=MISREAD_AS_CLIENT,
    ),
    "Took the youth club to the beach, half of them ran straight into the sea.",
    pytest.param(
        "Hung the washing on the rope in the yard before my shift.",
        marks=MISREAD_AS_A_MEANS,
    ),
    "Mijn zin in dit project is helemaal weg.",
    "She says I'm too hard on myself, but I think the audit went fine.",
    "Deze zomer ga ik met de jongeren langs het kanaal wandelen, het water in de gaten houden.",
]


@pytest.mark.parametrize("text", FAMILY_SELF)
def test_word_families_read_the_writers_crisis(text: str) -> None:
    from bot.care.distress.reader import read_with

    assert read_with(text, None).concern == "self"


@pytest.mark.parametrize("text", FAMILY_CLIENT)
def test_word_families_read_a_clients_crisis(text: str) -> None:
    assert read_distress(text).concern == "client"


@pytest.mark.parametrize("text", FAMILY_CALM)
def test_word_family_look_alikes_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_chat_spellings_and_the_flemish_k() -> None:
    from bot.care.distress.words import sentences

    assert sentences("kheb da gedaan, k weet het") == ["ik heb dat gedaan ik weet het"]
    assert sentences("meneer K en mr k") == ["meneer k en mr k"]
    assert sentences("better off w/o me tbh") == ["better off without me honestly"]


def test_word_families_of_a_sentence() -> None:
    from bot.care.distress.families import sentence_families, word_families

    assert word_families("noose") == word_families("touw") == ("hang",)
    assert "stockpile" in word_families("opgespaard") and "pills" in word_families("slaappillen")
    assert word_families("die") == ("die",) and word_families("dieet") == ()
    assert set(sentence_families("ik heb een strop in de schuur")) == {"first", "hang"}


# Denials and pasts told as over, in constructions the earlier lists lacked (written fresh).
DENIED = [
    "I wouldn't ever end my own life, whatever happens at work.",
    "Ending it has honestly never crossed my mind.",
    "Het is niet zo dat ik dood wil, ik wil alleen rust.",
    "The nurse asked about self-harm and I told her there's none.",
    "Back at uni there was a time I cut myself, but I'm fine.",
    "Zelfmoordgedachten? Nee, helemaal niet.",
    "Suicidal? Nope. Just tired.",
]
STILL_MEANT = [
    # not caring is not denying; "no" that opens a statement is no answer
    "Honestly I wouldn't care if I died tonight.",
    "I want to die. No one would even notice.",
    "Ik wil dood. Nee, echt, ik meen het.",
]


@pytest.mark.parametrize("text", DENIED)
def test_denials_and_pasts_told_as_over_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize("text", STILL_MEANT)
def test_not_caring_and_no_that_opens_a_statement_still_count(text: str) -> None:
    assert read_distress(text).concern == "self"


# The reflective cycle's answers: intentions and look-backs are first person and often say
# "wil", "zou", "niet meer", "stoppen". Before the known words and dev8, a quarter of these read
# as a crisis (dev8, measured before it was trained on: 23% of its ordinary lines).
INTENTIONS = [
    "Ik ga mezelf vandaag goed opvangen.",
    "Ik verlang naar rust.",
    "Nu zou ik eerder doorvragen.",
    "Ik wil niet meer overwerken op vrijdag.",
    "Ik wil eerder stoppen met werken.",
    "Volgende keer zou ik eerder ingrijpen.",
    "I want to stop answering emails at night.",
]


@pytest.mark.parametrize("text", INTENTIONS)
def test_intentions_and_look_backs_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize(
    "text", ["Volgende week wil ik er gewoon niet meer zijn.", "I want to die."]
)
def test_a_crisis_said_as_an_intention_is_still_read(text: str) -> None:
    assert read_distress(text).concern == "self"


# Families dev12 and dev13 showed missing, tested in words of their own (not the sets' lines).
ROUND6_SELF = [
    "I wish it was all over. Not work, everything.",
    "Hoe lang moet ik dit leven nog uithouden.",
    "Ik wil er gewoon mee stoppen, met alles.",
    "My kids would be fine without me, maybe better off.",
    "Ik zou het liefst verdwijnen in het niets.",
    "Voor mij hoeft het niet meer.",
    "At her funeral I caught myself wanting to swap places with her.",
    "I did little cuts on my thigh last night after the shift.",
    "Wil deze maand proberen: een week zonder krassen.",
    "Haven't eaten today, punishing myself for the mistake.",
    "I've been saving my tablets and not taking them. I know what they're for.",
    "Took some morphine from the stock cupboard at work. For me.",
    "Started writing letters to my kids.",
    "I'm not tired of the job, I'm tired of being alive.",
    "Het zou niet zo erg zijn als ik er niet meer was.",
    "Resident said thank you and all I could think was I wish I was dead.",
    "De zomer is het niet waard, ik zie het nut van mijn bestaan niet meer.",
]
ROUND6_CALM = [
    "The team will manage fine without me while I'm on leave next week.",
    "I want it all to be over, this inspection week is killing the mood.",
    "Was het maar gedaan met die vergadering.",
    "Wrote letters to my sister and my mum for Christmas.",
    "We decided on the 14th for the team day, rota is sorted.",
    "I've decided on Friday. The paperwork's sorted.",
    "Ik ga naar het station en neem de trein naar Gent.",
    "She thinks I'm going away for the weekend, and the dog goes to my sister.",
    "I made small cuts in the pastry for the steam, baking with residents.",
    pytest.param(
        "Een bewoner heeft me gekrast bij het verzorgen, niks ernstigs.",
        marks=MISREAD_AS_CLIENT,
    ),
    "Ik neem alles mee wat ik verzameld heb voor de rommelmarkt.",
    "I could kill myself for forgetting the meeting, honestly.",
    "The new module is a suicide mission for the admin team.",
    "When I said I'm done I meant the job, not life.",
    "Ik voel me moe, maar dood willen? Nee hoor.",
    "Ik wil juist meer leven en minder werken.",
    "Honestly can't see a way through this caseload.",
    "Ging naar het spoor om de treinen te kijken met mijn zoontje, hij is fan.",
]


@pytest.mark.parametrize("text", ROUND6_SELF)
def test_round6_families_read_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND6_CALM)
def test_round6_look_alikes_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_a_real_word_is_never_mended_into_a_rule_word() -> None:
    from bot.care.distress.reader import _mender, known_words

    mender = _mender()
    for word in ("opvangen", "eerder", "meisjes", "verlangen", "verbanden", "filling", "dumping"):
        assert word in known_words() and mender.mend(word) == word
    assert mender.mend("zelfmord") == "zelfmoord" and mender.mend("mezlef") == "mezelf"


# --- the literal gate: a rule is searched only when one of the words its regex needs is there ---


def test_the_literal_words_of_a_rule_are_those_every_match_holds():
    assert rule_literals(r"\bik wil (?:dood|sterven)\b") in (("ik wil ",), ("dood", "sterven"))
    assert rule_literals(r"(?:pillen|pills) (?:gespaard|saved)") is not None
    assert rule_literals(r"(?:x)?") is None  # nothing is needed: always searched
    assert rule_literals(r"\w+") is None


def test_the_literal_gate_never_keeps_a_rule_from_a_sentence_it_matches():
    """Over every labelled line of the benchmark sets: wherever a rule's regex matches a
    sentence as the reader folds it, one of the rule's literal words is in that sentence."""
    sets = Path(__file__).resolve().parents[2] / "benchmarks" / "distress_set"
    mender, checked = _mender(), 0
    for path in sorted(sets.glob("*.tsv")):
        with path.open(encoding="utf-8") as lines:
            for row in csv.DictReader(lines, delimiter="\t"):
                for sentence in sentences(row["text"]):
                    words = mender.mend(sentence)
                    for rule in RULES:
                        if rule.pattern.search(words) is None:
                            continue
                        literals = rule_literals(rule.pattern.pattern)
                        assert literals is None or any(w in words for w in literals), (
                            path.name,
                            rule.pattern.pattern[:60],
                        )
                        checked += 1
    assert checked > 1000  # the sets hold many matches


def test_the_literals_found_in_one_pass_are_those_in_the_sentence():
    """keys.Literals (one regex pass) finds exactly the rules' literals that `in` finds, on
    every labelled sentence, and on overlaps where one literal is a prefix of another."""
    literals = sorted({w for r in RULES for w in rule_literals(r.pattern.pattern) or ()})
    found = Literals(literals)
    small = Literals(["dood", "doods", "ood", "o", "ab", "abcd"])
    assert small.present("doodsangst abce") == {"dood", "doods", "ood", "o", "ab"}
    assert Literals([]).present("anything") == set()
    sets = Path(__file__).resolve().parents[2] / "benchmarks" / "distress_set"
    mender, checked = _mender(), 0
    for path in sorted(sets.glob("*.tsv")):
        with path.open(encoding="utf-8") as lines:
            for row in csv.DictReader(lines, delimiter="\t"):
                for sentence in sentences(row["text"]):
                    words = mender.mend(sentence)
                    assert found.present(words) == {w for w in literals if w in words}, words
                    checked += 1
    assert checked > 4000


# --- round 7: plans and wishes said sideways, self-harm as a punishment, typos --------------------

ROUND7_SELF = [
    # a burden, taking up space, worth nothing; wanting to vanish for good
    "Eerlijk gezegd ben ik gewoon een last voor mijn gezin.",
    "Ik ben voor niemand iets waard, dat voel ik elke dag.",
    "Most days I'm only taking up space at home and at work.",
    "Sometimes I think I should vanish. For good, I mean.",
    "Ik zou gewoon willen verdwijnen. Zonder dat iemand me ooit vindt, voorgoed.",
    "Ik wil echt niet meer hier zijn, op deze wereld.",
    "Honestly I want to not be alive.",
    # a step forward as the train came in; the graveyard
    "Op het perron, toen de trein binnenkwam, wou ik een stap naar voren zetten.",
    "Every morning the train pulls in and I think about one step forward.",
    "We drove past the cemetery and I thought I wouldn't mind being in there.",
    # self-harm as a punishment: hitting, not eating, nails, a plaster and a story
    "Als ik een fout maak op het werk geef ik mezelf een paar klappen.",
    "When a visit goes wrong I punch myself in the car afterwards.",
    "I've hardly eaten all week because I honestly don't deserve food.",
    "Ik heb vandaag weer niks gegeten, ik verdien het niet na die fout.",
    "I dig my nails into my arms in the toilets until they bleed.",
    "Put a plaster on my wrist and told everyone a made-up story about the dog.",
    # cutting again, a relapse
    "Cut again last night, two years clean and now this.",
    "Relapsed and cut after the late shift.",
    "Ik heb opnieuw gesneden, na maanden.",
    # plans said sideways: letters, goodbyes, medication pocketed, methods, trains, a day, a place
    "The letters are finished, one for my dad and one for my brother.",
    "Brieven zijn klaar, voor mijn vader en voor mijn broer.",
    "Had coffee with my best friend, she had no idea it was goodbye.",
    "Ik heb een strip pillen van de medicijnkar meegepakt en thuis verstopt.",
    "I've been pocketing a few of the sleeping tablets from the returns.",
    "Last night I was googling methods, looking for ways to do it quietly.",
    "Ik heb uitgezocht welke treinen niet stoppen in het station en hoe snel ze gaan.",
    "Told my brother I'm going away on the 12th. He had no clue. That's the day.",
    "There's a quiet place by the old quarry. I went there today and I think that's where.",
    # hit until it bled; things given away and goodbyes said
    "Ik heb mezelf met mijn vuist geslagen tot het blauw zag.",
    "Been giving away my things this week and saying goodbye to people, quietly.",
    # a typo, and a laugh taken back
    "i want to dei honestly",
    "ik wil dood haha. geen grap.",
    "want to die lol. not lol",
]
# The writer acts when nobody else is named up to the match: the people after it are acted on.
ROUND7_WRITER = [
    "Looked up which trains don't stop here and at what time they pass through.",
    "Spent the night reading about ways to do it so the neighbours wouldn't hear.",
]
ROUND7_CLIENT = [
    "Mijn cliënt heeft opgezocht welke treinen niet stoppen en hoe laat ze passeren.",
    "A resident told me she keeps pocketing her sleeping tablets from the cart.",
    "Een jongere zei dat hij zichzelf klappen geeft als hij iets fout doet.",
    "Een jongen op de groep heeft zich tegen de muur gebonkt tot het bloedde.",
    "A resident has been giving away her belongings and saying goodbye to the staff.",
]
ROUND7_CALM = [
    "I want to disappear into the garden this weekend, no phone.",
    "Ik zou willen verdwijnen onder mijn dekbed na deze week.",
    "Ik voel me soms een last voor het team als ik ziek ben.",
    "Those old binders are just taking up space in the office.",
    "I could slap myself for forgetting the form again.",
    "I skipped lunch because of back-to-back meetings, I deserve a break.",
    "Ik heb niks gegeten vandaag, te druk op de dienst.",
    "Got my hair cut last night, feels lighter.",
    "Power cut last night, the whole street was dark.",
    "Finished the letters of reference for two clients today.",
    "Oma wist niet dat het afscheid was, ze is die nacht overleden.",
    "The trains that don't stop at our station are so annoying, I'll take the bus.",
    "A step forward for the team today: the new rota is done.",
    "Wedding on the 12th, we're going away after. That's the day!",
    "I had a good laugh with a colleague lol. Not a bad day.",
    "We picked the 20th for the team barbecue.",
    "Gave away all our old stuff and said goodbye to the house before moving.",
    "Ik heb me vandaag gestoten, tot het blauw zag, bij het tillen van een doos.",
]


@pytest.mark.parametrize("text", ROUND7_SELF)
def test_round7_families_read_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND7_CALM)
def test_round7_look_alikes_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize("text", ROUND7_WRITER)
def test_round7_the_writer_acts_when_others_come_only_after(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND7_CLIENT)
def test_round7_a_clients_crisis_stays_the_clients(text: str) -> None:
    assert read_distress(text).concern == "client"


# Round 8: the reader's logic, not new rules: a no right after the words, "not since" as an
# answer, a question put to "you" answered no, pasts told as over, "would never ... myself",
# quoted words with "said X" after them, family as persons.
ROUND8_DENIED = [
    "Uitgeput, ja. Mezelf iets aandoen, nee.",
    "stressed yes, wanting to kill myself no, just need a weekend",
    "Op de vraag van de huisarts of ik aan zelfmoord denk: nee.",
    "Occupational health form: any thoughts of harming yourself? No.",
    "Snijden? Niet meer sinds de middelbare school.",
    "Cutting? Not since my twenties.",
    "Als student wilde ik dood, nu ben ik blij dat ik er nog ben.",
    "When I was 19 I tried to end my life, now I work on a crisis line.",
    "Five years self-harm free this month.",
    "I would never do anything to myself, way too much to live for.",
    "Ik zou mezelf nooit iets aandoen, daar ben ik te koppig voor.",
]
ROUND8_STILL_SELF = [
    "Uitgeput, ja. En ik wil dood.",
    "I want to die, no joke.",
    "I want to kill myself no matter what anyone says.",
    "Als student wilde ik dood, en nu weer.",
    "I would never tell anyone, but I want to die.",
    "Cutting? Yes, again this week.",
]
ROUND8_CLIENT = [
    '"I want to die," said the old man on my round, and he meant it.',
    '"Ik wil er niet meer zijn", zei een jongen van 15 vandaag tegen me.',
    '"I\'m only a burden to all of you now" said Mrs P this morning.',
    "My brother took an overdose last night; I still came to work.",
]


@pytest.mark.parametrize("text", ROUND8_DENIED)
def test_round8_denials_answers_and_pasts_told_as_over_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize("text", ROUND8_STILL_SELF)
def test_round8_look_alikes_of_denials_still_read_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND8_CLIENT)
def test_round8_quoted_words_and_family_are_someone_elses(text: str) -> None:
    assert read_distress(text).concern == "client"


# Round 8 rules (rules.py, `_ROUND8_RULES`): a weight or a drain on everyone, old scars
# opened, hair pulled out to a bald patch, a pet handed on with a cover story, things given
# away unnoticed, goodbye messages in drafts, a spot in the woods checked, stock from work
# "for me".
ROUND8_SELF = [
    "Voel me een blok aan jullie been, echt waar.",
    "I'm just a drain on everyone around me.",
    "Opened up my old scars again in the bathroom.",
    "Weer haren uitgetrokken, nu een kale plek achter mijn oor.",
    "Our old dog goes to my brother on Saturday, I told him it's for a course. It isn't.",
    "The goodbye texts are written and scheduled for Sunday night.",
    "Been to the spot in the forest again, nobody ever comes there.",
    "Kept back some tablets from the drugs cupboard returns. For me.",
    "Al mijn spullen weggegeven deze maand en niemand heeft het door.",
]
ROUND8_CALM = [
    "We rehomed the cat because the new landlord allows no pets.",
    "The dog goes to my sister when we are on holiday.",
    "My out of office email is scheduled for Friday, then two weeks of holiday.",
    "Found a lovely spot in the woods for the team picnic, nobody goes there.",
    "Pulling my hair out over this rota.",
    "Hair was out of place all day, my bald patch showing, ugh.",
    "That conversation reopened old scars in the team.",
    "Took the returns from the med cart to the pharmacy.",
    "Ze denken dat ik mijn spullen heb weggegeven aan de kringloop.",
    "I feel the weight on my shoulders of this caseload.",
]


@pytest.mark.parametrize("text", ROUND8_SELF)
def test_round8_families_read_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND8_CALM)
def test_round8_rule_look_alikes_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


# Round 8, after retraining (threshold 0.5): sentences the model is not asked about, and what
# still is.
ROUND8_NOT_FOR_MODEL = [
    "Accidentally took a double dose of my tablets, rang the pharmacist.",
    "Per ongeluk een dubbele dosis van mijn pillen genomen, de apotheek gebeld.",
    "Said goodbye to our old flat today, moving house on Friday.",
    "Ik voel me een last voor de afdeling nu ik ziek thuis zit.",
]


@pytest.mark.parametrize("text", ROUND8_NOT_FOR_MODEL)
def test_round8_accidents_moves_and_team_burdens_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_round8_an_accident_taken_back_or_with_a_wish_is_asked_about() -> None:
    from bot.care.distress.reader import _by_accident

    told = "took a double dose of my tablets by accident"
    assert _by_accident([told, "rang the pharmacist"], 0)
    assert not _by_accident([told, "it was not an accident"], 0)
    assert not _by_accident(["accidentally took too many pills and i wish i had not woken up"], 0)
    burden = "Ik ben een last voor het team en thuis, iedereen is beter af zonder mij."
    assert read_distress(burden).concern == "self"


def _model_sure_of(word: str, threshold: float = 0.5) -> Model:
    """A model that reads `word` as the writer's passive wish with P(self) near 1, and nothing
    else: the reader's person logic is what is tested, not the shipped weights."""
    classes = ("passive", "client", "ordinary")
    return Model(classes, Features(), (0.0, 0.0, 4.0), {word: (12.0, 0.0, 0.0)}, threshold)


def test_round9_a_model_sure_of_the_writer_outweighs_the_nearest_person() -> None:
    """Trained with a client's crisis as a class of its own, a model that is sure a sentence
    is the writer's keeps it the writer's when someone else stands nearest; before round 9
    "the van" or "my daughter" made these a client's."""
    model = _model_sure_of("wouldnt")
    text = "Crossing today I kind of hoped he wouldnt stop."
    assert read_with(text, model, rules=()).concern == "self"


def test_round9_reported_words_and_found_things_stay_someone_elses() -> None:
    model = _model_sure_of("wouldnt")
    for text in (
        "My client said he hoped the bus wouldnt stop.",
        "In his room I found a note that said it wouldnt matter.",
    ):
        assert read_with(text, model, rules=()).concern == "client", text


def test_round9_a_model_less_sure_keeps_the_nearest_person() -> None:
    model = _model_sure_of("wouldnt")
    unsure = Model(model.classes, model.kinds, (0.0, 0.0, 11.0), model.weights, 0.5)
    assert 0.5 <= unsure.self_score("he wouldnt stop") < SURE_WHOSE
    reading = read_with("Crossing today he hoped it wouldnt stop.", unsure, rules=())
    assert reading.concern == "client"


ROUND9_THINGS_SELF = [
    "Zelfmoordgedachten, sinds de verhuis, en ze worden elke week luider.",
    "Suicidal thoughts again since the weekend and they won't shut up.",
]
ROUND9_THINGS_CLIENT = [
    "Zelfmoordgedachten heeft ze al weken, zei ze in het gesprek.",
    "She told me about her suicidal thoughts and they frighten her.",
    "Mijn cliënte vertelde over haar zelfmoordgedachten, ze zijn sterker geworden.",
]


@pytest.mark.parametrize("text", ROUND9_THINGS_SELF)
def test_round9_they_after_thoughts_or_pills_are_those_things(text: str) -> None:
    assert read_distress(text).concern == "self"


@pytest.mark.parametrize("text", ROUND9_THINGS_CLIENT)
def test_round9_a_client_named_with_the_things_stays_the_clients(text: str) -> None:
    assert read_distress(text).concern == "client"


def _model_of_two_words(whole_threshold: float | None) -> Model:
    """A model for which "vrijdag" or "besloten" alone is calm and the two together are the
    writer's plan: a text that says it across sentences is what is tested."""
    classes = ("plan", "ordinary")
    weights = {"vrijdag": (3.0, 0.0), "besloten": (3.0, 0.0)}
    return Model(classes, Features(), (0.0, 4.0), weights, 0.9, whole_threshold)


def test_round9_a_text_told_across_sentences_is_read_whole() -> None:
    text = "Vrijdag, na de late. Ik heb besloten."
    assert read_with(text, _model_of_two_words(0.5), rules=()).concern == "self"
    assert read_with(text, _model_of_two_words(None), rules=()).concern is None


def test_round9_a_text_read_whole_keeps_the_readers_logic() -> None:
    """A sentence the reader let be (a laugh, a past told as over) keeps the whole text calm,
    and the whole text's words are still someone else's when they are."""
    model = _model_of_two_words(0.5)
    for text in (
        "Vrijdag haha. Ik heb besloten.",
        "Vrijdag. Hij zei: ik heb besloten.",
    ):
        assert read_with(text, model, rules=()).concern != "self", text


ROUND9_ERRANDS_CALM = [
    "De verslagen voor het team liggen klaar voor maandag.",
    "I need rest this weekend, that is all.",
    "Letters of reference done, rota sorted, now the weekend.",
]
ROUND9_ERRANDS_SELF = [
    "De pillen liggen klaar, na de vergadering van vrijdag is het genoeg.",
    "Ik verlang naar rust, de eeuwige rust.",
    "After the team meeting I sat in the car and thought about ending my life.",
    "Mijn afscheidsbrief ligt klaar, na de teamvergadering.",
]


@pytest.mark.parametrize("text", ROUND9_ERRANDS_CALM)
def test_round9_work_errands_and_rest_wanted_are_calm(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize("text", ROUND9_ERRANDS_SELF)
def test_round9_errands_beside_a_means_or_life_still_read_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern == "self"


# Round 10: a negation reaches no further than its clause (a comma, colon, dash or bracket
# ends one); a negation a rule spells itself is its meaning; Dutch "die" points at something.
# Read by the rules alone, so that the model's weights cannot decide these.
ROUND10_SELF = [
    "Ik ben niet oké, ik denk elke dag aan zelfmoord.",
    "I'm not fine, I want to die.",
    "Geen drama: ik wil niet meer leven.",
    "Nothing helps, I keep thinking about suicide.",
    "Paid the bills ahead so nobody is stuck for when I'm not here.",
]
ROUND10_CALM = [
    "Ik wil gewoon dat die wachtlijsten korter worden.",
    # an aside inside a denial does not end it; a laugh taken back keeps the clauses right
    "Ik denk niet, eerlijk gezegd, aan zelfmoord.",
    "I have never, ever thought about suicide.",
    "I am not - honestly - thinking about suicide.",
    "lol ok, geen zelfmoordgedachten. geen grap",
    "Moe, maar ik wil niet dood.",
    "I'm exhausted, but I do not want to die.",
    "Ik wil echt niet dood, ik wil gewoon dat die wachtlijsten korter worden.",
    "Mijn huisarts vroeg ernaar. Ik zei nee, want die heb ik niet.",
]


@pytest.mark.parametrize("text", ROUND10_SELF)
def test_round10_a_negation_in_another_clause_or_spelt_by_the_rule_denies_nothing(
    text: str,
) -> None:
    assert read_with(text, None).concern == "self"


@pytest.mark.parametrize("text", ROUND10_CALM)
def test_round10_a_negation_in_the_clause_still_denies_and_dutch_die_is_no_dying(
    text: str,
) -> None:
    assert read_with(text, None).concern is None


def test_round10_clauses_mark_where_each_clause_starts_and_fold_as_sentences_do() -> None:
    text = "I'm not okay, I think about it (every day) - really. Kheb, w/o it"
    assert clauses(text) == [
        ("im not okay i think about it every day really", frozenset({3, 7, 9})),
        ("ik heb without it", frozenset({2})),
    ]
    assert [words for words, _ in clauses(text)] == sentences(text)


@pytest.mark.xfail(strict=True, reason="known since round 9: the whole-text reading")
def test_round10_a_holiday_after_the_last_shift_told_across_sentences_is_calm() -> None:
    """Read whole, "mijn laatste dienst" weighs as a plan (P(self) 0.82 in round 10, 0.77 in
    round 9); no sentence alone is read so. Kept as a known misread: strict, so a fix shows."""
    text = "Vrijdag. Na mijn laatste dienst. Dan begint mijn vakantie."
    assert read_distress(text).concern is None


# The model's word on a denial gives way to a "but" or a "no" that answers: these stay the
# writer's crisis, read with the model.
ROUND10_NOT_DENIED = [
    "no, I want to die",
    "I'm tired. No, I want to die.",
    "Ik ben niet oké, nee, ik denk aan zelfmoord.",
    "I would never tell anyone, but I want to die.",
]


@pytest.mark.parametrize("text", ROUND10_NOT_DENIED)
def test_round10_a_no_that_answers_or_a_but_outweighs_the_models_denial(text: str) -> None:
    assert read_distress(text).concern == "self"


def test_round10_a_chore_keeps_the_model_off_only_with_a_hurt_named() -> None:
    chore = "I cut my finger while chopping vegetables with the group."
    assert read_distress(chore).concern is None
    chore_named = "Chopping onions with the group, I kept thinking how easy it would be to use "
    assert read_distress(chore_named + "the knife on myself.").crisis


# Where the model is sure, its word outweighs the rules: each fails with its setting off.
MODEL_CLIENT = "Mijn cliënt had verse sneeën op haar armen. Ze wou er niet over praten."
MODEL_DENIALS = [
    "Zes jaar vrij van zelfbeschadiging vandaag, en ik ben er trots op.",
    "Four years free of self-harm today. Treated myself to a cake.",
]


def test_round10_a_model_sure_of_a_clients_crisis_reads_it_where_no_rule_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert read_with(MODEL_CLIENT, None).concern is None
    assert read_distress(MODEL_CLIENT).concern == "client"
    monkeypatch.setattr("bot.care.distress.reader.SURE_CLIENT", 1.1)
    assert read_distress(MODEL_CLIENT).concern is None


@pytest.mark.parametrize("text", MODEL_DENIALS)
def test_round10_a_model_sure_of_a_denial_lets_a_rules_crisis_be(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_with(text, None).concern == "self"
    assert read_distress(text).concern is None
    monkeypatch.setattr("bot.care.distress.reader.SURE_DENIAL", 1.1)
    assert read_distress(text).concern == "self"


# --- round 11 -----------------------------------------------------------------------------------

# A question put to the writer covers only its own words: when the writer speaks again after
# it, what they say is theirs.
ROUND11_SPOKEN_AFTER_A_QUESTION = [
    "A kid on the unit asked if I was ok and all I could think was I want to die.",
    "Mijn collega vroeg of alles ok was, ik zei ja, maar ik denk serieus aan zelfmoord.",
]
ROUND11_ASKED = [
    "Mijn psycholoog vroeg of ik aan zelfmoord denk.",
    "The GP asked if I had thoughts of suicide and if I sleep well.",
]


@pytest.mark.parametrize("text", ROUND11_SPOKEN_AFTER_A_QUESTION)
def test_round11_the_writer_speaking_after_a_question_is_not_asked(text: str) -> None:
    assert read_with(text, None).concern == "self"


@pytest.mark.parametrize("text", ROUND11_ASKED)
def test_round11_a_question_put_to_the_writer_is_no_crisis(text: str) -> None:
    assert read_distress(text).concern is None


def test_round11_no_reason_seen_to_go_on_is_a_passive_wish() -> None:
    assert read_with("Ik zie niet waarom ik nog zou doorgaan.", None).crisis
    assert read_with("I can't see why I'm still here.", None).crisis
    assert read_with("Ik zie niet waarom ik nog zou doorgaan met dit werk.", None).concern is None


def test_round11_no_joke_outweighs_the_models_denial() -> None:
    assert read_distress("I want to die, no joke 😂").crisis
    assert read_distress("Ik wil dood, geen grap.").crisis


@pytest.mark.parametrize(
    "text",
    [
        "Thoughts of suicide every night this week, tonight they're really loud.",
        "Ik heb mijn slaappillen opgespaard en ze liggen nu in een doosje in de kast.",
    ],
)
def test_round11_they_after_things_told_in_a_match_are_those_things(text: str) -> None:
    assert read_with(text, None).crisis


def test_round11_they_after_a_crisis_with_no_things_are_people() -> None:
    assert read_with("Thinking of suicide, they told me at the handover.", None).concern != "self"


# Where the model is sure the words are the writer's, it outweighs a rule's reading of a client's
# crisis, and the errand gate: each fails with its setting off. Past the other gates it does not
# read: the crisis below is kept from it by the move gate (read with P(self) >= 0.99 it was, but
# so was "I'm giving my car to my sister because I'm moving abroad next month", at 0.999).
MODEL_OVER_CLIENT = (
    "On the late shift a resident asked how I was, and the honest answer was: I want to be dead."
)
MODEL_PAST_ERRANDS = "The team would run better if I vanished, and so would my family."
MODEL_PAST_GATES = ["I've told my sister she can have the car, she thinks I'm moving abroad."]


def test_round11_a_model_sure_of_the_writers_crisis_outweighs_a_rules_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert read_with(MODEL_OVER_CLIENT, None).concern == "client"
    assert read_distress(MODEL_OVER_CLIENT).crisis
    monkeypatch.setattr("bot.care.distress.reader.SURE_SELF_OVER_CLIENT", 1.1)
    assert read_distress(MODEL_OVER_CLIENT).concern == "client"


def test_round11_a_model_sure_of_the_writers_crisis_reads_past_the_errand_gate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert read_distress(MODEL_PAST_ERRANDS).crisis
    monkeypatch.setattr("bot.care.distress.reader.SURE_PAST_ERRANDS", 1.1)
    assert read_distress(MODEL_PAST_ERRANDS).concern is None


@pytest.mark.xfail(strict=True, reason="kept from the model by a gate (round 11)")
@pytest.mark.parametrize("text", MODEL_PAST_GATES)
def test_round11_a_crisis_a_gate_keeps_from_the_model(text: str) -> None:
    assert read_distress(text).crisis


# Round 11's let-be misreads of the development sets, each a rule's reading undone by the
# reader's logic: "at home" is where the writer is, not a palliative wish; English "the boot"
# is a car's; a negation inside "eet niet als straf" is what is done; "than ever" is no past
# told as over; "died ... the thought of suicide" is no death told as done.
ROUND11_LET_BE_BEFORE = [
    "At home the only thing I can think is that I want to be dead.",
    "Got a length of rope in the boot of the car now, I know what it is for.",
    "Ik eet al twee dagen niet, als straf voor die fout.",
    "Sinds de reorganisatie wil ik dood, en vandaag was het sterker dan ooit.",
]
ROUND11_STILL_CALM = [
    "He wants to die at home, in his own bed.",
    "We hebben het touw in de boot gelegd voor het zeilen.",
    "Vorig jaar wilde ik dood. Nu ben ik sterker.",
    "A resident died of an overdose last week, the review was today.",
]


@pytest.mark.parametrize("text", ROUND11_LET_BE_BEFORE)
def test_round11_a_rules_reading_no_longer_undone(text: str) -> None:
    assert read_with(text, None).crisis


@pytest.mark.parametrize("text", ROUND11_STILL_CALM)
def test_round11_look_alikes_of_those_stay_calm(text: str) -> None:
    assert read_distress(text).concern is None


def test_round11_a_death_of_ones_own_before_the_thought_of_suicide_is_no_work_death() -> None:
    text = "Since my dad died the thought of suicide has not left me."
    assert read_distress(text).crisis


# A rule's match that opens with what a negation asks for ("zin", "point", "waarom"): the one
# negation before it is its own; a second denies it.
ROUND11_ONE_NEGATION_IS_THE_WISH = [
    "Ik heb echt geen zin meer om er te zijn.",
    "I honestly do not see the point in being around anymore.",
    "Ik snap niet waarom ik nog elke dag opsta.",
]
ROUND11_TWO_NEGATIONS_DENY = [
    "Het is niet zo dat ik geen zin meer heb om er te zijn.",
    "Not that I see no point in living, I just need a rest.",
]


@pytest.mark.parametrize("text", ROUND11_ONE_NEGATION_IS_THE_WISH)
def test_round11_the_negation_a_wish_opens_with_is_not_a_denial(text: str) -> None:
    assert read_with(text, None).crisis


@pytest.mark.parametrize("text", ROUND11_TWO_NEGATIONS_DENY)
def test_round11_a_second_negation_still_denies(text: str) -> None:
    assert read_distress(text).concern is None


@pytest.mark.parametrize(
    "text",
    ["i want to kill myself lol not even joking", "Ik wil niet meer leven haha, dat meen ik."],
)
def test_round11_a_laugh_taken_back_after_the_words_is_none(text: str) -> None:
    assert read_with(text, None).crisis


# A wound's cover story told and taken back is the writer's self-harm; a client's, or an
# accident corrected with no story told, is not.
ROUND11_COVER_TAKEN_BACK = [
    "Mijn teamleider vroeg naar de pleister op mijn arm. Ik zei de hond. Het was niet de hond.",
    "My manager asked about the burns on my wrist. I said the kettle. It was me.",
]
ROUND11_NO_COVER_OF_ONES_OWN = [
    "Her mum asked about the burns on her arm. She said cooking. It wasnt cooking.",
    "I burnt my hand on the oven at work. Not from the oven like last time, from the kettle.",
    "Ik heb een kutdag, maar het is niet dat ik mezelf wil verwonden of zo.",
]


@pytest.mark.parametrize("text", ROUND11_COVER_TAKEN_BACK)
def test_round11_a_cover_story_taken_back_is_the_writers_self_harm(text: str) -> None:
    assert read_with(text, None).crisis


@pytest.mark.parametrize("text", ROUND11_NO_COVER_OF_ONES_OWN)
def test_round11_no_cover_story_of_ones_own_stays_calm_for_the_writer(text: str) -> None:
    assert read_distress(text).concern != "self"


# A thing found is someone else's only when someone else is named whose it could be, or the
# team found it; what the writer found alone is the writer's.
ROUND11_FOUND_BY_THE_WRITER = [
    "Found a quiet spot at the reservoir. Went back today to be sure.",
    "Found the spot on the cliffs I will go to.",
]
ROUND11_FOUND_SOMEONE_ELSES = [
    "Bij mevrouw K. vond ik een stapel opgespaarde pillen in de kast.",
    "During the room check we found razor blades under the mattress.",
    "In his room I found a goodbye letter.",
    "In zijn kamer vond ik een afscheidsbrief.",
    "During the room check I found razor blades under the mattress.",
    "In kamer 12 vond ik een afscheidsbrief.",
    "I found a goodbye letter on the unit this morning.",
]


@pytest.mark.parametrize("text", ROUND11_FOUND_BY_THE_WRITER)
def test_round11_what_the_writer_found_alone_is_the_writers(text: str) -> None:
    assert read_with(text, None).concern != "client"
    assert read_distress(text).crisis


@pytest.mark.parametrize("text", ROUND11_FOUND_SOMEONE_ELSES)
def test_round11_what_is_found_of_someone_named_is_theirs(text: str) -> None:
    assert read_distress(text).concern == "client"


def test_round11_one_of_the_lads_is_someone_else() -> None:
    assert read_with("One of the lads burnt his arm with a lighter on purpose.", None).concern == (
        "client"
    )


# A negation's reach, mended: a "nee" that is a clause of its own answers what came before; a
# negation in the clause after a match's first clause does not deny it; "zelfs toen" is no past.
ROUND11_NOT_DENIED = [
    "Grens gehouden? Nee, vanavond weer gekrast.",
    "Ik merk dat ik zelfmoord serieus overweeg, het is geen losse gedachte meer.",
    "Mijn zoon was er en zelfs toen dacht ik: ik wil er niet meer zijn, ik wil dood.",
]
ROUND11_STILL_DENIED = [
    "Nee, ik heb mezelf niet gekrast.",
    "Suicidal? No, not me, never.",
    "Toen dacht ik aan zelfmoord. Nu niet meer, het gaat goed.",
]


@pytest.mark.parametrize("text", ROUND11_NOT_DENIED)
def test_round11_a_negation_that_is_not_of_the_words_does_not_deny_them(text: str) -> None:
    assert read_with(text, None).crisis


@pytest.mark.parametrize("text", ROUND11_STILL_DENIED)
def test_round11_a_negation_of_the_words_still_denies_them(text: str) -> None:
    assert read_distress(text).concern is None


# A review's cases (round 11): realistic look-alikes the round's first changes misread. Each
# must stay what it is: a question put to the writer, a denial, an accident, a client's crisis,
# an ordinary day.
ROUND11_REVIEW_NOT_THE_WRITERS = [
    # a second question is still a question
    "The GP asked if I was sleeping and whether I had thoughts of suicide.",
    "Mijn huisarts vroeg of ik goed sliep en of ik aan zelfmoord dacht.",
    "De psychiater vroeg of ik toen ik jong was aan zelfmoord dacht.",
    # an accident told, and "it wasn't" of something else than a cover
    "I burnt my arm on the oven at work. I told my manager. It wasn't serious.",
    "Ik heb mijn hand gesneden bij het koken in de leefgroep. Ik zei het tegen mijn collega. "
    "Het was niet diep.",
    "I haven't cut my arms in years, I told my GP that. It wasn't easy to stop.",
    # denials of burning, of eating as a punishment
    "Ik heb die aansteker nooit tegen mijn arm gehouden.",
    "Ik eet niet als straf, ik heb gewoon geen honger.",
    # a "nee" said again, "never wondered why", a denial in the match's own clause
    "No, self harm isn't something I do.",
    "Nee, zelfmoordgedachten heb ik niet.",
    "Ik heb me nooit afgevraagd waarom ik nog leef.",
    "Zelfmoord, nooit aan gedacht.",
    # "ik meen het niet" takes the words back
    "Ik wil dood haha, ik meen het niet.",
    # someone else's words and pills
    "They keep saying they want to die and I can't sleep because of it.",
    "They have been stockpiling their pills for weeks.",
    # the calm twin of a plan read past the moving gate
    "I'm giving my car to my sister because I'm moving abroad next month.",
    # a tow rope in the boot; budget cuts
    "I put the tow rope in the boot and checked the tyres.",
    "Budget cuts again, they are closing the day centre.",
]


@pytest.mark.parametrize("text", ROUND11_REVIEW_NOT_THE_WRITERS)
def test_round11_a_reviews_look_alikes_are_not_the_writers_crisis(text: str) -> None:
    assert read_distress(text).concern != "self"
