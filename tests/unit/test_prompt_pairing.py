"""One conversation per check-in: prompts invite, questions ask, and no question restates a prompt.

A check-in shows one prompt of a signpost with questions of the same signpost, drawn
independently, so every prompt–question pair of a signpost can meet. Each pair is checked.
"""

import re
import unicodedata
from itertools import pairwise

import pytest

from prompts import LANGUAGES, Content, load_content


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


@pytest.fixture(scope="module")
def content() -> Content:
    """The content as the bot loads it."""
    return load_content()


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
        (s.number, prompt[:40], question, sorted(shared))
        for s in content.signposts(lang)
        for prompt in s.prompts
        for question in s.questions
        if (shared := restates(prompt, question, lang))
    ]
    assert found == []


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
