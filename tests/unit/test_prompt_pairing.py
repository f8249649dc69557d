"""One conversation per check-in: prompts invite, questions ask, and no question restates a prompt.

A check-in shows one prompt of a signpost and then only questions that fit that prompt (a
question names the prompts it follows from, or "all"). Every pair that can meet is checked.
"""

import re
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from random import Random

import pytest

from bot.checkin.rotation import plan_checkin
from prompts import LANGUAGES, MAX_QUESTIONS_PER_CHECKIN, Content, Signpost, load_content
from storage import RotationHistory


def words(text: str) -> set[str]:
    """The words of a whitespace-separated list."""
    return set(text.split())


# Words that carry no content of their own here: articles, pronouns, question words,
# auxiliaries, and the time words every question may use ("vandaag", "de laatste keer").
STOPWORDS = {
    "nl": words(
        """aan af al alle als andere ander anders bij daar dan dat de deze die dit door
        een en er even geen had heb hebt het hoe hun iemand iets in is je jij jou jouw jezelf
        jullie kan kon laatste keer maar meer met mag mee naar niet nog nu of om onlangs ons
        ook op over te tijd toen tot uit van vandaag voor waar waaraan waardoor waarin waarom
        waarover wanneer was wat week wel welk welke werd wie wil worden zich zo zou zelf
        zijn dag dagen echt gewoon soms weer daarbij daarvan ervan eens keer iemands
        kun wou hen men zie ziet"""
    ),
    "en": words(
        """a about after all also an and any are as at be been but by can could day days did
        do does else even for from had has have how if in into is it its just last lately
        more most not now of on once one or other others our own recently so some someone
        someone's something than that the their them then there these they this those time
        to today too up us very was way week were what when where which who why will with
        would you your yourself really again ever did you the and how who why can for has
        its own one out may she get got"""
    ),
}
# Phrases that grade or steer the answer instead of inviting it.
LEADING = re.compile(
    r"echt nodig|luisterde je ernaar|had je moeten|really necessary|did you listen|should you have",
    re.I,
)
# A question about "today" keeps an out for a day without clients (an admin day, a day off).
TODAY = {"nl": re.compile(r"\bvandaag\b", re.I), "en": re.compile(r"\btoday\b", re.I)}
OUT = {
    "nl": re.compile(r"\bof (onlangs|recent|de laatste|eerder|deze week|het voorbije)", re.I),
    "en": re.compile(r"\bor (recently|lately|the last|earlier|this week)", re.I),
}


def stems(text: str, lang: str) -> list[str]:
    """The content words of a text in order, folded and cut to a five-letter stem."""
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z']+", folded)
    return [w[:5] for w in words if len(w) >= 3 and w not in STOPWORDS[lang]]


def restates(prompt: str, question: str, lang: str) -> set[str]:
    """What a question shares with a prompt when it restates it; empty when it does not.

    Restating is a shared pair of adjacent content words, or two or more shared content
    words that make up half of the question's content.
    """
    p, q = stems(prompt, lang), stems(question, lang)
    pairs = set(pairwise(p)) & set(pairwise(q))
    if pairs:
        return {" ".join(pair) for pair in pairs}
    shared = set(p) & set(q)
    if len(shared) >= 2 and len(shared) * 2 >= len(set(q)):
        return shared
    return set()


# Words of the stock phrase "iemand die je begeleidt" / "someone you support": nearly every
# question uses it, so sharing it says nothing about echoing.
STOCK = {"begel", "suppo"}
# The share of a text's content words that another text, shown just before it, may repeat.
ECHO_LIMIT = 0.25  # of the essence's content words, in a prompt shown below it
MIRROR_LIMIT = 0.5  # of a question's content words, in the prompt it follows


def content_words(text: str, lang: str) -> set[str]:
    """The distinct content-word stems of a text, without the stock phrase."""
    return set(stems(text, lang)) - STOCK


def repeated(earlier: str, later: str, lang: str, *, of: str) -> tuple[float, set[str]]:
    """How much of one text the other repeats: (share, shared words).

    The share is taken of the content words of `of` ("earlier" or "later"). A shared run of
    two adjacent content words (a repeated phrase) counts as everything.
    """
    first, second = stems(earlier, lang), stems(later, lang)
    if phrase := set(pairwise(first)) & set(pairwise(second)):
        return 1.0, {" ".join(pair) for pair in phrase}
    shared = content_words(earlier, lang) & content_words(later, lang)
    base = content_words(earlier if of == "earlier" else later, lang)
    return (len(shared) / len(base) if base else 0.0), shared


@pytest.fixture(scope="module")
def content() -> Content:
    """The content as the bot loads it."""
    return load_content()


def pairs(signpost: Signpost) -> Iterator[tuple[str, str, str, str]]:
    """Every prompt with every question that fits it: (prompt id, prompt, question id, question)."""
    texts = dict(zip(signpost.question_ids, signpost.questions, strict=True))
    for prompt_id, prompt in zip(signpost.prompt_ids, signpost.prompts, strict=True):
        for question_id in signpost.questions_for(prompt_id):
            yield prompt_id, prompt, question_id, texts[question_id]


def test_the_check_catches_a_restated_prompt() -> None:
    # The pair issue 11 found in #7, and its English twin.
    prompt = "Een stilte hoeft niet opgevuld te worden. Waar liet je vandaag een stilte bestaan?"
    assert restates(prompt, "Waar liet je vandaag een stilte bestaan?", "nl")
    prompt = "A silence needs no filling. Where did you let a silence be today, and what happened?"
    assert restates(prompt, "Where did you let a silence be today?", "en")
    assert not restates(prompt, "Which joke helped a conversation along?", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_question_restates_a_prompt_of_its_signpost(content: Content, lang: str) -> None:
    found = [
        (prompt_id, question_id, sorted(shared))
        for s in content.signposts(lang)
        for prompt_id, prompt, question_id, question in pairs(s)
        if (shared := restates(prompt, question, lang))
    ]
    assert found == []


def test_the_echo_checks_catch_the_old_repeats() -> None:
    # Signpost 1's essence and a prompt that said it again, in both languages.
    essence = "Vertrouwen groeit traag en in laagjes: eerst meestappen in iemands wereld."
    prompt = "Vertrouwen groeit in laagjes, zelden in één gesprek. Blijf daar een moment bij."
    assert repeated(essence, prompt, "nl", of="earlier")[0] >= ECHO_LIMIT
    essence = "Trust grows slowly and in layers: first step into someone's world, only later add."
    prompt = "Trust grows in layers, rarely in one conversation. Stay with it for a moment."
    assert repeated(essence, prompt, "en", of="earlier")[0] >= ECHO_LIMIT
    # Signpost 6: a question that only mirrored its prompt.
    prompt = "Iets betekenen voor een ander geeft vleugels. Hou dat beeld even vast."
    question = "Waar mocht iemand die je begeleidt iets betekenen voor een ander?"
    assert repeated(prompt, question, "nl", of="later")[0] >= MIRROR_LIMIT
    question = "Waar kon iemand die je begeleidt de laatste tijd een ander een handje helpen?"
    assert repeated(prompt, question, "nl", of="later")[0] < MIRROR_LIMIT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_prompt_repeats_the_essence_above_it(content: Content, lang: str) -> None:
    """A check-in shows the essence and then the prompt: the prompt adds, it does not repeat.

    Fails when the prompt repeats a phrase of the essence (two adjacent content words) or a
    quarter or more of the essence's content words (folded, cut to five-letter stems, minus
    stop words).
    """
    found = [
        (prompt_id, round(share, 2), sorted(shared))
        for s in content.signposts(lang)
        for prompt_id, prompt in zip(s.prompt_ids, s.prompts, strict=True)
        if (result := repeated(s.essence, prompt, lang, of="earlier"))[0] >= ECHO_LIMIT
        for share, shared in [result]
    ]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_question_mirrors_the_prompt_it_follows(content: Content, lang: str) -> None:
    """A question asks what follows from its prompt, in other words than the prompt's.

    Fails when half or more of the question's content words are in the prompt, or when the
    two share a phrase (two adjacent content words). Stricter than restating above: one
    shared word out of two is enough.
    """
    found = [
        (prompt_id, question_id, round(share, 2), sorted(shared))
        for s in content.signposts(lang)
        for prompt_id, prompt, question_id, question in pairs(s)
        if (result := repeated(prompt, question, lang, of="later"))[0] >= MIRROR_LIMIT
        for share, shared in [result]
    ]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_checkin_asks_only_questions_that_fit_its_prompt(content: Content, lang: str) -> None:
    rng = Random(5)
    for s in content.signposts(lang):
        history = RotationHistory([], [])
        for _ in range(3 * len(s.prompts)):  # several rounds: every prompt comes up
            plan = plan_checkin(s, history, MAX_QUESTIONS_PER_CHECKIN, rng)
            asked = [step.question_id for step in plan.steps if step.kind == "question"]
            assert len(asked) == len(set(asked)) == MAX_QUESTIONS_PER_CHECKIN
            assert set(asked) <= set(s.questions_for(plan.prompt_id)), plan.prompt_id
            history.prompts.append(plan.prompt_id)
            history.questions.append(list(asked))
        assert set(history.prompts) == set(s.prompt_ids)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_prompts_invite_and_ask_nothing(content: Content, lang: str) -> None:
    for s in content.signposts(lang):
        for prompt in s.prompts:
            assert "?" not in prompt, prompt
            assert prompt.endswith((".", "…", "!")), prompt


@pytest.mark.parametrize("lang", LANGUAGES)
def test_questions_fit_an_ordinary_day_and_do_not_steer(content: Content, lang: str) -> None:
    for s in content.signposts(lang):
        for question in s.questions:
            assert not LEADING.search(question), question
            if TODAY[lang].search(question):
                assert OUT[lang].search(question), question
