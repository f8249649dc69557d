"""The ten signposts per language: frozen pydantic models and a validated loader for *.toml."""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

LANGUAGES = ("nl", "en")
SIGNPOST_COUNT = 10
BOUNDARIES_SIGNPOST = 8
# The most questions one check-in asks (the setting is 1..3, see bot/account/parsing.py):
# every prompt needs at least this many questions that fit it.
MAX_QUESTIONS_PER_CHECKIN = 3
# A question that fits every prompt of its signpost says so: `prompts = "all"`.
ALL_PROMPTS = "all"
Tag = Literal["client", "self", "path", "relation", "boundaries",
              "team", "communication", "success", "growth", "network"]  # fmt: skip
TAGS: tuple[str, ...] = get_args(Tag)
# The three lenses of the verrekijker: the client, my own share, our path together.
Lens = Literal["client", "self", "path"]
LENSES: tuple[Lens, ...] = get_args(Lens)
_HERE = Path(__file__).resolve().parent
_MODEL = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# Non-empty texts with a length limit (the models strip whitespace first). Plain aliases,
# so a type checker reads them as str.
Title = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Essence = Annotated[str, StringConstraints(min_length=1, max_length=140)]
PromptText = Annotated[str, StringConstraints(min_length=1, max_length=280)]
QuestionText = Annotated[str, StringConstraints(min_length=1, max_length=120)]
# A stable id per prompt and question, e.g. "s7.p-stilte": answers are stored under it, so an
# item can be reworded or moved without changing what an old answer was an answer to.
ItemId = Annotated[str, StringConstraints(pattern=r"^s\d{1,2}\.[pq]-[a-z0-9-]+$", max_length=60)]
_ITEM_KEYS = {"prompts": {"id", "text"}, "questions": {"id", "prompts", "text"}}
_ITEM_SHAPE = {"prompts": "an id and a text", "questions": "an id, prompts and a text"}


class Signpost(BaseModel):
    """One compass signpost with its daily prompt variants and micro-reflection questions."""

    model_config = _MODEL
    number: int = Field(ge=1, le=SIGNPOST_COUNT, strict=True)
    title: Title
    essence: Essence
    tags: tuple[Tag, ...] = Field(min_length=1)
    prompts: tuple[PromptText, ...] = Field(min_length=4)
    questions: tuple[QuestionText, ...] = Field(min_length=6)
    prompt_ids: tuple[ItemId, ...]
    question_ids: tuple[ItemId, ...]
    # Per question (same order): the ids of the prompts it follows from. A check-in draws a
    # prompt first and then only questions that fit it, so the two read as one conversation.
    question_prompts: tuple[tuple[ItemId, ...], ...]

    @model_validator(mode="before")
    @classmethod
    def _split_items(cls, data: object) -> object:
        """Items are `{ id, text }` tables in the files, and a question also names the prompts
        it fits (or "all"); the model keeps texts, ids and those links apart."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for field in ("prompts", "questions"):
            items = data.get(field)
            if not isinstance(items, list):
                continue
            keys = _ITEM_KEYS[field]
            if not all(isinstance(item, dict) and set(item) == keys for item in items):
                raise ValueError(f"{field}: every item needs exactly {_ITEM_SHAPE[field]}")
            data[field] = [item["text"] for item in items]
            data[f"{field[:-1]}_ids"] = [item["id"] for item in items]
            if field == "questions":
                every = data.get("prompt_ids", [])
                data["question_prompts"] = [_fits(item, every) for item in items]
        return data

    @model_validator(mode="after")
    def _check_ids(self) -> "Signpost":
        """One id per item, unique, and named after its signpost and kind (s7.p-…, s7.q-…)."""
        for kind, texts, ids in (("p", self.prompts, self.prompt_ids),
                                 ("q", self.questions, self.question_ids)):  # fmt: skip
            if len(ids) != len(texts) or len(set(ids)) != len(ids):
                raise ValueError("every item needs its own id")
            if wrong := [i for i in ids if not i.startswith(f"s{self.number}.{kind}-")]:
                raise ValueError(f"ids must start with s{self.number}.{kind}-: {wrong}")
        for question_id, links in zip(self.question_ids, self.question_prompts, strict=True):
            if unknown := [p for p in links if p not in self.prompt_ids]:
                raise ValueError(f"question {question_id} fits unknown prompts: {unknown}")
        for prompt_id in self.prompt_ids:
            if (n := len(self.questions_for(prompt_id))) < MAX_QUESTIONS_PER_CHECKIN:
                raise ValueError(
                    f"prompt {prompt_id} has {n} fitting questions,"
                    f" a check-in asks up to {MAX_QUESTIONS_PER_CHECKIN}"
                )
        return self

    def questions_for(self, prompt_id: str) -> tuple[str, ...]:
        """The ids of the questions that fit this prompt, in content order."""
        return tuple(q for q, links in zip(self.question_ids, self.question_prompts, strict=True)
                     if prompt_id in links)  # fmt: skip

    def prompt(self, item_id: str | None) -> str | None:
        """The prompt text with this id; None when content no longer has it."""
        return dict(zip(self.prompt_ids, self.prompts, strict=True)).get(item_id or "")

    def question(self, item_id: str | None) -> str | None:
        """The question text with this id; None when content no longer has it."""
        return dict(zip(self.question_ids, self.questions, strict=True)).get(item_id or "")

    @field_validator("tags", "prompts", "questions")
    @classmethod
    def _check(cls, items: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        """No duplicates; tags also need a lens tag, and 'boundaries' on the boundaries signpost."""
        if len(set(items)) != len(items):
            raise ValueError("entries must be unique")
        if info.field_name != "tags":
            return items
        if not set(items) & set(LENSES):
            raise ValueError(f"needs at least one lens tag: {', '.join(LENSES)}")
        if info.data.get("number") == BOUNDARIES_SIGNPOST and "boundaries" not in items:
            raise ValueError(f"signpost {BOUNDARIES_SIGNPOST} must carry 'boundaries'")
        return items


def _fits(item: dict[str, object], every: object) -> object:
    """The prompt ids a question item fits: its own list, or every prompt for "all"."""
    links = item["prompts"]
    if links == ALL_PROMPTS:
        return every
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        links = []
    if not links or len(set(links)) != len(links):
        raise ValueError(
            f"questions: {item.get('id')}: prompts must be {ALL_PROMPTS!r}"
            " or a list of distinct prompt ids"
        )
    return links


class LanguageContent(BaseModel):
    """All signposts of one language, numbered 1..SIGNPOST_COUNT in order."""

    model_config = _MODEL
    language: Literal["nl", "en"]
    signposts: tuple[Signpost, ...]

    @field_validator("signposts")
    @classmethod
    def _numbered(cls, signposts: tuple[Signpost, ...]) -> tuple[Signpost, ...]:
        """Require numbers 1..SIGNPOST_COUNT, each exactly once and in order."""
        if (found := [s.number for s in signposts]) != list(range(1, SIGNPOST_COUNT + 1)):
            raise ValueError(f"numbers must be 1..{SIGNPOST_COUNT} once each, in order: {found}")
        return signposts


class ContentError(Exception):
    """Content files are missing, malformed or not parallel; one 'file: field: problem' a line."""


@dataclass(frozen=True)
class Content:
    """Validated content for every language, keyed by language code."""

    by_language: Mapping[str, LanguageContent]

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes, in the order of LANGUAGES."""
        return tuple(self.by_language)

    def signposts(self, lang: str) -> tuple[Signpost, ...]:
        """All signposts of a language in order; KeyError for an unknown language."""
        return self.by_language[lang].signposts

    def signpost(self, lang: str, number: int) -> Signpost:
        """One signpost by its number (1-based); KeyError when it does not exist."""
        return {s.number: s for s in self.signposts(lang)}[number]


def _where(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as a field path such as 'signposts[3].prompts[2]'."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).removeprefix(".")


def _load_file(path: Path, lang: str) -> LanguageContent:
    """Parse and validate one language file; ContentError lists all of its problems."""
    name = f"{path.parent.name}/{path.name}"  # e.g. prompts/nl.toml
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ContentError(f"{name}: cannot read file: {reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{name}: invalid TOML: {exc}") from exc
    try:
        content = LanguageContent.model_validate(data)
    except ValidationError as exc:
        msgs = ((_where(e["loc"]), e["msg"].removeprefix("Value error, ")) for e in exc.errors())
        raise ContentError("\n".join(f"{name}: {where}: {msg}" for where, msg in msgs)) from None
    if content.language != lang:
        raise ContentError(f"{name}: language: {content.language!r}, expected {lang!r}")
    return content


def _compare(base: LanguageContent, other: LanguageContent, name: str) -> list[str]:
    """List every way `other` (read from file `name`) is not parallel to `base`."""
    errors: list[str] = []
    ref = base.language
    for i, (ours, theirs) in enumerate(zip(base.signposts, other.signposts, strict=True)):
        where = f"{name}: signposts[{i}]"
        if set(ours.tags) != set(theirs.tags):
            errors.append(f"{where}.tags: {list(theirs.tags)}, {ref} has {list(ours.tags)}")
        for field in ("prompts", "questions"):
            if (mine := len(getattr(theirs, field))) != (want := len(getattr(ours, field))):
                errors.append(f"{where}.{field}: {mine} items, {ref} has {want}")
            # Parallel items carry the same id in every language (the order may differ).
            elif missing := sorted(set(getattr(ours, f"{field[:-1]}_ids"))
                                   - set(getattr(theirs, f"{field[:-1]}_ids"))):  # fmt: skip
                errors.append(f"{where}.{field}: ids {', '.join(missing)} missing, {ref} has them")
        # A question fits the same prompts in every language.
        links = dict(zip(theirs.question_ids, theirs.question_prompts, strict=True))
        for question_id, wanted in zip(ours.question_ids, ours.question_prompts, strict=True):
            if (found := links.get(question_id)) is not None and set(found) != set(wanted):
                errors.append(
                    f"{where}.questions: {question_id} fits {sorted(found)},"
                    f" {ref} has {sorted(wanted)}"
                )
    return errors


def load_content(directory: Path | None = None) -> Content:
    """Load, validate and cross-check every language file (default: this package's files)."""
    folder = _HERE if directory is None else Path(directory).resolve()
    loaded = {lang: _load_file(folder / f"{lang}.toml", lang) for lang in LANGUAGES}
    errors: list[str] = []
    for lang in LANGUAGES[1:]:
        errors += _compare(loaded[LANGUAGES[0]], loaded[lang], f"{folder.name}/{lang}.toml")
    if errors:
        raise ContentError("\n".join(errors))
    return Content(MappingProxyType(loaded))
