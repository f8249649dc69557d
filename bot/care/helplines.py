"""The support lines of a country, from bot/care/helplines.toml, chosen and written out.

One file for every place that names them (the crisis message, /steun, the weekly support
part), validated when the bot starts. The country follows the timezone; the user's language
comes first and lines in other languages follow with their language named, so a French- or
English-speaking user in Belgium finds their own line too.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.core.texts import Catalog, CatalogError


class Line(BaseModel):
    """One support line, as its own site describes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    phone: str = Field(min_length=1)
    chat: str | None = None
    hours: str = Field(pattern=r"^24/7$")  # only lines open day and night are named
    free: bool
    languages: tuple[str, ...] = Field(min_length=1)
    crisis: bool
    source: str = Field(pattern=r"^https://")


class Fallback(BaseModel):
    """Where no country of ours fits: the emergency number and a directory of lines."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    directory: str
    source: str = Field(pattern=r"^https://")


class Helplines(BaseModel):
    """The whole file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timezones: dict[str, str]
    emergency: dict[str, str]
    line: tuple[Line, ...]
    fallback: Fallback

    def country(self, timezone: str | None) -> str | None:
        """The country whose lines fit this timezone; None: the fallback."""
        return self.timezones.get(timezone or "")

    def emergency_number(self, country: str | None) -> str:
        return self.emergency.get(country or "fallback", self.emergency["fallback"])

    def lines(self, country: str | None, lang: str, *, crisis_only: bool = False) -> list[Line]:
        """The country's lines, those in `lang` first, crisis lines before listening lines."""
        found = [
            line
            for line in self.line
            if line.country == country and (line.crisis or not crisis_only)
        ]
        return sorted(found, key=lambda line: (lang not in line.languages, not line.crisis))


@cache
def helplines() -> Helplines:
    """The shipped file, read and validated once (at start: see bot/app.py)."""
    text = (resources.files("bot") / "care" / "helplines.toml").read_text("utf-8")
    try:
        return Helplines.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        first = str(error).splitlines()[0:3]
        raise CatalogError(f"bot/care/helplines.toml: {' '.join(first)}") from None


def write_lines(
    texts: Catalog, lang: str, timezone: str | None, *, crisis_only: bool = False
) -> str:
    """The lines for this user as text: one bullet each, then the emergency number."""
    book = helplines()
    country = book.country(timezone)

    def say(key: str, **fields: str) -> str:
        return texts.text(lang, f"care.lines.{key}", **fields)

    bullets = []
    for line in book.lines(country, lang, crisis_only=crisis_only):
        how = say("call", phone=line.phone)
        if line.chat:
            how += say("or_chat", chat=line.chat)
        spoken = "" if lang in line.languages else say(f"in_{line.languages[0]}")
        cost = say("free" if line.free else "paid")
        bullets.append(say("line", name=line.name, how=how, cost=cost, spoken=spoken))
    if country is None:
        bullets.append(say("elsewhere", directory=book.fallback.directory))
    bullets.append(say("danger", number=book.emergency_number(country)))
    return "\n".join(bullets)
