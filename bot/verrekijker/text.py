"""What the renderers share: sections, and a Voice that speaks one language from the catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core import formatting
from bot.core.texts import Catalog

AREA = "verrekijker"


@dataclass(frozen=True)
class Section:
    """A titled chunk of Telegram HTML; the splitter never breaks one that fits a message."""

    title: str
    body: str = ""

    @property
    def html(self) -> str:
        """Title and body as one piece of HTML."""
        return f"{self.title}\n{self.body}" if self.body else self.title


@dataclass(frozen=True)
class Voice:
    """The verrekijker's texts in one language: plurals, numbers, lists and dates included."""

    texts: Catalog
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """A verrekijker text, filled in."""
        return self.texts.text(self.lang, f"{AREA}.{key}", **values)

    def items(self, key: str) -> list[str]:
        """A list entry of the verrekijker catalog (the signposts' short labels)."""
        value = self.texts.entries[self.lang][f"{AREA}.{key}"]
        if not isinstance(value, list):
            raise KeyError(f"{key} is not a list")
        return value

    def count(self, key: str, n: int) -> str:
        """'1 dag' or '3 dagen': the singular or plural of a counted phrase."""
        return self.texts.count(self.lang, f"{AREA}.{key}", n)

    def number(self, value: float | None) -> str:
        """A score average with one decimal in the language's style; a dash when there is none."""
        if value is None:
            return self("dash")
        return formatting.decimal(self.lang, value)

    def joined(self, parts: list[str]) -> str:
        """'a, b en c': a list in running text."""
        return formatting.listing(self.lang, parts)

    def weekday(self, day: date, short: bool = False) -> str:
        """The weekday's name ('maandag', or 'ma' when short)."""
        return formatting.weekday_name(self.lang, day, short)

    def weekdays(self) -> list[str]:
        """The short day names, Monday first: the chart's axis."""
        return formatting.weekday_names(self.lang, short=True)

    def date(self, day: date, year: bool = False) -> str:
        """'2 maart' (or '2 maart 2026' with the year): a date in running text."""
        return formatting.day_words(self.lang, day, year=year)

    def short(self, signpost: int) -> str:
        """The short name of a signpost (at most 12 characters), for the chart and the overview."""
        return self.items("short")[signpost - 1]
