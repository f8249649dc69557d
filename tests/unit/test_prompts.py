"""The shipped signpost content and the validated loader in prompts/."""

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.account.parsing import ParseError, parse_question_count
from prompts import (
    BOUNDARIES_SIGNPOST,
    LANGUAGES,
    LENSES,
    MAX_QUESTIONS_PER_CHECKIN,
    SIGNPOST_COUNT,
    TAGS,
    Content,
    ContentError,
    load_content,
)
from storage.migrate import available_migrations

SHIPPED = Path(__file__).resolve().parents[2] / "prompts"

# Words that would make a question ask for (or hint at) an identifying detail.
IDENTIFYING = re.compile(r"\b(naam|namen|name|names|adres|address|geboorte|birth)\b", re.I)
# Gendered pronouns; the content stays gender-neutral (Dutch "zijn" is also a verb, so not here).
GENDERED = re.compile(r"\b(hij|zij|hem|haar|he|she|him|his|her|hers)\b", re.I)


@pytest.fixture(scope="module")
def content() -> Content:
    """The content as the bot loads it."""
    return load_content()


def read(lang: str) -> dict[str, Any]:
    """The raw data of a shipped content file."""
    return tomllib.loads((SHIPPED / f"{lang}.toml").read_text(encoding="utf-8"))


def toml_value(value: Any) -> str:
    """A value as TOML: JSON strings, numbers and arrays are TOML too; tables are inline."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def items(signpost: int, kind: str, texts: list[str]) -> list[dict[str, str]]:
    """Content items with made-up ids, for a broken copy (questions fit every prompt)."""
    fits = {"prompts": "all"} if kind == "q" else {}
    return [{"id": f"s{signpost}.{kind}-x{i}", **fits, "text": t} for i, t in enumerate(texts)]


def write(directory: Path, lang: str, data: dict[str, Any]) -> str:
    """Write content data as TOML; name the file."""
    lines = [f"language = {json.dumps(data['language'])}"]
    for signpost in data["signposts"]:
        lines.append("\n[[signposts]]")
        lines += [f"{k} = {toml_value(v)}" for k, v in signpost.items()]
    path = directory / f"{lang}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shown(directory, lang)


def shown(directory: Path, lang: str) -> str:
    """How an error message names a content file: its folder and its file name."""
    return f"{directory.name}/{lang}.toml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content files."""
    for lang in LANGUAGES:
        shutil.copy(SHIPPED / f"{lang}.toml", tmp_path / f"{lang}.toml")
    return tmp_path


def error_of(directory: Path) -> str:
    """The message of the ContentError that loading `directory` raises."""
    with pytest.raises(ContentError) as info:
        load_content(directory)
    return str(info.value)


# --- the shipped content ---------------------------------------------------------------------


def test_shipped_content_loads_complete(content: Content) -> None:
    assert content.languages == LANGUAGES
    for lang in LANGUAGES:
        assert [s.number for s in content.signposts(lang)] == list(range(1, SIGNPOST_COUNT + 1))
        assert content.by_language[lang].language == lang


def test_languages_run_parallel(content: Content) -> None:
    pairs = zip(content.signposts("nl"), content.signposts("en"), strict=True)
    for nl, en in pairs:
        assert nl.number == en.number
        assert nl.tags == en.tags
        assert len(nl.prompts) == len(en.prompts)
        assert len(nl.questions) == len(en.questions)


def test_limits_hold(content: Content) -> None:
    for lang in LANGUAGES:
        for s in content.signposts(lang):
            assert 0 < len(s.title) <= 40
            assert 0 < len(s.essence) <= 140
            # Our own target is above the minimum of 4 prompts and 6 questions.
            assert len(s.prompts) >= 5 and all(0 < len(p) <= 280 for p in s.prompts)
            assert len(s.questions) >= 8 and all(0 < len(q) <= 120 for q in s.questions)
            assert set(s.tags) <= set(TAGS)
            for text in (s.title, s.essence, *s.prompts, *s.questions):
                assert text == text.strip() and "\n" not in text and "  " not in text


def test_every_signpost_has_a_lens_tag(content: Content) -> None:
    for lang in LANGUAGES:
        for s in content.signposts(lang):
            assert set(s.tags) & set(LENSES), (lang, s.number)


def test_boundaries_signpost_carries_boundaries(content: Content) -> None:
    assert BOUNDARIES_SIGNPOST == 8
    for lang in LANGUAGES:
        assert "boundaries" in content.signpost(lang, 8).tags


def test_questions_are_questions_and_never_ask_for_identity(content: Content) -> None:
    for lang in LANGUAGES:
        for s in content.signposts(lang):
            for q in s.questions:
                assert q.endswith("?"), q
                assert not IDENTIFYING.search(q), q
            for text in (s.essence, *s.prompts, *s.questions):
                assert not GENDERED.search(text), text


def test_no_text_is_repeated_within_a_language(content: Content) -> None:
    for lang in LANGUAGES:
        texts = [t for s in content.signposts(lang) for t in (*s.prompts, *s.questions)]
        assert len(texts) == len(set(texts))


def test_signpost_lookup(content: Content) -> None:
    assert content.signpost("en", 3) is content.signposts("en")[2]
    for number in (0, SIGNPOST_COUNT + 1):
        with pytest.raises(KeyError):
            content.signpost("nl", number)
    with pytest.raises(KeyError):
        content.signposts("fr")


def test_models_are_frozen(content: Content) -> None:
    with pytest.raises(ValueError):
        content.signpost("nl", 1).title = "x"  # type: ignore[misc]


def test_rewritten_copy_loads_the_same(copy: Path, content: Content) -> None:
    for lang in LANGUAGES:
        write(copy, lang, read(lang))
    assert load_content(copy) == content


# --- broken copies -----------------------------------------------------------------------------


def test_too_long_prompt_names_file_and_field(copy: Path) -> None:
    data = read("nl")
    data["signposts"][3]["prompts"][2]["text"] = "x" * 281
    path = write(copy, "nl", data)
    message = f"{path}: signposts[3].prompts[2]: String should have at most 280 characters"
    assert error_of(copy) == message


def test_missing_signpost(copy: Path) -> None:
    data = read("en")
    del data["signposts"][6]
    path = write(copy, "en", data)
    assert error_of(copy).startswith(f"{path}: signposts: numbers must be 1..10 once each")


def test_bad_toml_names_the_file(copy: Path) -> None:
    (copy / "nl.toml").write_text('language = "nl"\n[[signposts]\nnumber = 1\n', encoding="utf-8")
    assert error_of(copy).startswith(f"{shown(copy, 'nl')}: invalid TOML: ")


def test_mismatched_question_count(copy: Path) -> None:
    data = read("en")
    count = len(data["signposts"][5]["questions"])
    data["signposts"][5]["questions"].pop()
    path = write(copy, "en", data)
    assert error_of(copy) == f"{path}: signposts[5].questions: {count - 1} items, nl has {count}"


def test_mismatched_tags(copy: Path) -> None:
    data = read("en")
    data["signposts"][0]["tags"] = ["client"]
    path = write(copy, "en", data)
    assert error_of(copy).startswith(f"{path}: signposts[0].tags: ['client'], nl has ")


def test_tag_order_may_differ_between_languages(copy: Path) -> None:
    data = read("en")
    data["signposts"][0]["tags"].reverse()
    write(copy, "en", data)
    assert load_content(copy).signpost("en", 1).tags[0] == data["signposts"][0]["tags"][0]


@pytest.mark.parametrize(
    ("index", "field", "value", "where", "expected"),
    [
        (0, "tags", [], "tags", "Tuple should have at least 1 item"),
        (0, "tags", ["self", "self"], "tags", "entries must be unique"),
        (0, "tags", ["relation"], "tags", "needs at least one lens tag"),
        (7, "tags", ["self"], "tags", "signpost 8 must carry 'boundaries'"),
        (2, "tags", ["path", "weather"], "tags[1]", "Input should be 'client'"),
        (1, "questions", items(2, "q", ["Wat?"] * 6), "questions", "entries must be unique"),
        (4, "questions", items(5, "q", [" "] * 6), "questions[0]", "String should have at least 1"),
        (4, "prompts", items(5, "p", ["Een", "twee", "drie"]), "prompts", "Tuple should have at"),
        (5, "essence", "x" * 141, "essence", "String should have at most 140 characters"),
        (6, "number", "7", "number", "Input should be a valid integer"),
        (8, "question", ["Wat?"], "question", "Extra inputs are not permitted"),
    ],
)
def test_rule_violations_name_the_field(
    copy: Path, index: int, field: str, value: Any, where: str, expected: str
) -> None:
    data = read("nl")
    data["signposts"][index][field] = value
    path = write(copy, "nl", data)
    message = error_of(copy)
    assert message.startswith(f"{path}: signposts[{index}].{where}: {expected}")


def test_language_must_match_the_file_name(copy: Path) -> None:
    data = read("nl")
    data["language"] = "en"
    path = write(copy, "nl", data)
    assert error_of(copy) == f"{path}: language: 'en', expected 'nl'"


def test_missing_file(copy: Path) -> None:
    (copy / "en.toml").unlink()
    assert error_of(copy) == f"{shown(copy, 'en')}: cannot read file: No such file or directory"


def test_every_problem_gets_its_own_line(copy: Path) -> None:
    data = read("nl")
    data["signposts"][0]["title"] = "t" * 41
    data["signposts"][9]["questions"][7]["text"] = "?" * 121
    path = write(copy, "nl", data)
    assert error_of(copy).splitlines() == [
        f"{path}: signposts[0].title: String should have at most 40 characters",
        f"{path}: signposts[9].questions[7]: String should have at most 120 characters",
    ]


def test_files_are_named_by_folder_and_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "prompts"
    folder.mkdir()
    data = read("en")
    data["signposts"][2]["prompts"][4]["text"] = "y" * 300
    write(folder, "en", data)
    shutil.copy(SHIPPED / "nl.toml", folder / "nl.toml")
    expected = "String should have at most 280 characters"
    assert error_of(folder) == f"prompts/en.toml: signposts[2].prompts[4]: {expected}"


# --- stable ids ------------------------------------------------------------------------------


def test_every_item_has_a_unique_id_shared_by_both_languages(content: Content) -> None:
    every_id: list[str] = []
    for nl, en in zip(content.signposts("nl"), content.signposts("en"), strict=True):
        assert set(nl.prompt_ids) == set(en.prompt_ids)
        assert set(nl.question_ids) == set(en.question_ids)
        every_id += [*nl.prompt_ids, *nl.question_ids]
        for item_id, text in zip(nl.question_ids, nl.questions, strict=True):
            assert nl.question(item_id) == text
    assert len(every_id) == len(set(every_id))


# Items removed from the content, by id: their ids are never given to another item.
RETIRED_IDS: set[str] = set()


def test_ids_are_stable(content: Content) -> None:
    """Old answers point at the ids migration 0011 mapped: each one stays or is retired."""
    sql = next(m.sql for m in available_migrations() if m.number == 11)
    mapped = set(re.findall(r"'(s\d+\.[pq]-[a-z0-9-]+)'", sql))
    shipped = {i for s in content.signposts("nl") for i in (*s.prompt_ids, *s.question_ids)}
    assert len(mapped) == 137
    assert mapped <= shipped | RETIRED_IDS
    assert not shipped & RETIRED_IDS


def test_duplicate_id_names_the_field(copy: Path) -> None:
    data = read("nl")
    questions = data["signposts"][3]["questions"]
    questions[1]["id"] = questions[0]["id"]
    path = write(copy, "nl", data)
    assert error_of(copy).startswith(f"{path}: signposts[3]: every item needs its own id")


def test_id_of_another_signpost_is_refused(copy: Path) -> None:
    data = read("nl")
    data["signposts"][3]["prompts"][0]["id"] = "s5.p-elders"
    path = write(copy, "nl", data)
    assert error_of(copy).startswith(f"{path}: signposts[3]: ids must start with s4.p-")


def test_item_without_id_is_refused(copy: Path) -> None:
    data = read("en")
    del data["signposts"][0]["prompts"][0]["id"]
    path = write(copy, "en", data)
    assert error_of(copy).startswith(f"{path}: signposts[0]: prompts: every item needs exactly")


def test_id_missing_in_the_other_language(copy: Path) -> None:
    data = read("en")
    data["signposts"][6]["questions"][2]["id"] = "s7.q-anders"
    path = write(copy, "en", data)
    wanted = data["signposts"][6]["questions"][2]["id"]
    nl_id = read("nl")["signposts"][6]["questions"][2]["id"]
    assert wanted != nl_id
    assert error_of(copy) == f"{path}: signposts[6].questions: ids {nl_id} missing, nl has them"


# --- questions that belong to their prompt ----------------------------------------------------


def test_every_prompt_has_enough_questions_that_fit_it(content: Content) -> None:
    assert MAX_QUESTIONS_PER_CHECKIN == 3
    assert parse_question_count(str(MAX_QUESTIONS_PER_CHECKIN)) == MAX_QUESTIONS_PER_CHECKIN
    with pytest.raises(ParseError):
        parse_question_count(str(MAX_QUESTIONS_PER_CHECKIN + 1))
    for lang in LANGUAGES:
        for s in content.signposts(lang):
            for prompt_id in s.prompt_ids:
                assert len(s.questions_for(prompt_id)) >= MAX_QUESTIONS_PER_CHECKIN, prompt_id
            for links in s.question_prompts:
                assert links and set(links) <= set(s.prompt_ids)


def test_all_means_every_prompt_of_the_signpost(content: Content) -> None:
    raw = read("nl")["signposts"][0]
    signpost = content.signpost("nl", 1)
    for item, links in zip(raw["questions"], signpost.question_prompts, strict=True):
        want = signpost.prompt_ids if item["prompts"] == "all" else tuple(item["prompts"])
        assert links == want


def test_question_tied_to_an_unknown_prompt(copy: Path) -> None:
    data = read("nl")
    data["signposts"][2]["questions"][0]["prompts"] = ["s3.p-bestaat-niet"]
    path = write(copy, "nl", data)
    qid = data["signposts"][2]["questions"][0]["id"]
    expected = f"{path}: signposts[2]: question {qid} fits unknown prompts: ['s3.p-bestaat-niet']"
    assert error_of(copy) == expected


def test_a_prompt_with_too_few_questions_is_refused(copy: Path) -> None:
    data = read("en")
    signpost = data["signposts"][4]
    first, second = (p["id"] for p in signpost["prompts"][:2])
    for question in signpost["questions"]:
        question["prompts"] = [first]
    signpost["questions"][0]["prompts"] = [first, second]
    path = write(copy, "en", data)
    assert error_of(copy).startswith(
        f"{path}: signposts[4]: prompt {second} has 1 fitting questions, a check-in asks up to 3"
    )


@pytest.mark.parametrize("links", [[], "some", ["s1.p-vertrouwen-groeit"] * 2, [3]])
def test_prompt_links_are_all_or_a_list_of_distinct_ids(copy: Path, links: Any) -> None:
    data = read("nl")
    data["signposts"][0]["questions"][0]["prompts"] = links
    path = write(copy, "nl", data)
    assert error_of(copy).startswith(f"{path}: signposts[0]: questions: s1.q-")


def test_question_without_prompt_links_is_refused(copy: Path) -> None:
    data = read("nl")
    del data["signposts"][1]["questions"][3]["prompts"]
    path = write(copy, "nl", data)
    expected = "questions: every item needs exactly an id, prompts and a text"
    assert error_of(copy).startswith(f"{path}: signposts[1]: {expected}")


def test_a_question_fits_the_same_prompts_in_both_languages(copy: Path) -> None:
    data = read("en")
    signpost = data["signposts"][5]
    question = signpost["questions"][1]
    mine = [signpost["prompts"][0]["id"], signpost["prompts"][1]["id"]]
    question["prompts"] = mine
    path = write(copy, "en", data)
    nl = load_content().signpost("nl", 6)
    want = sorted(nl.question_prompts[nl.question_ids.index(question["id"])])
    assert want != sorted(mine)
    fits = f"{question['id']} fits {sorted(mine)}, nl has {want}"
    assert error_of(copy) == f"{path}: signposts[5].questions: {fits}"


# --- the client's and the network's own voice -------------------------------------------------

# Questions that look through the eyes of the client or their network (what they know from
# experience, what they would say about the help): new ones are named s<n>.q-stem-…
VOICE_IDS = re.compile(r"^s\d+\.q-stem-|^s10\.q-leerde-begeleidt$")
VOICE_WORDS = {
    "nl": re.compile(r"iemand die je begeleidt|netwerk|familie", re.I),
    "en": re.compile(r"someone you support|network|family", re.I),
}


def test_every_signpost_asks_in_the_voice_of_the_client_or_network(content: Content) -> None:
    for lang in LANGUAGES:
        for s in content.signposts(lang):
            voiced = [
                text
                for item_id, text in zip(s.question_ids, s.questions, strict=True)
                if VOICE_IDS.match(item_id)
            ]
            assert voiced, (lang, s.number)
            for text in voiced:
                assert VOICE_WORDS[lang].search(text), text
