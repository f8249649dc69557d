"""User-facing text from per-language catalogs (bot/locales/*.toml), checked at start."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from random import Random
from typing import Any

from bot.core.formatting import plural_form, plural_forms
from storage.models import LANGUAGES


class CatalogError(Exception):
    """A catalog is missing a key or its placeholders differ between languages."""


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str | list[str]]:
    flat: dict[str, str | list[str]] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _fields(value: str | list[str]) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}


@dataclass(frozen=True)
class Catalog:
    """All messages in every language."""

    entries: dict[str, dict[str, str | list[str]]]

    @classmethod
    def load(cls) -> Catalog:
        """Read and cross-check the shipped catalogs.

        `locales/nl.toml` holds the general texts; `locales/<area>.nl.toml` the texts of one
        feature, under the key prefix `<area>.` (so each feature owns its own files).
        """
        folder = resources.files("bot") / "locales"
        entries: dict[str, dict[str, str | list[str]]] = {lang: {} for lang in LANGUAGES}
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            area, _, lang = item.name.removesuffix(".toml").rpartition(".")
            if not item.name.endswith(".toml") or lang not in LANGUAGES:
                continue
            try:
                table = tomllib.loads(item.read_text("utf-8"))
            except tomllib.TOMLDecodeError as error:
                raise CatalogError(f"bot/locales/{item.name}: {error}") from None
            entries[lang].update(_flatten(table, f"{area}." if area else ""))
        catalog = cls(entries)
        catalog.check()
        return catalog

    def check(self) -> None:
        """Every key in every language, with the same placeholders; every plural form there."""
        reference = self.entries[LANGUAGES[0]]
        for language in LANGUAGES[1:]:
            other = self.entries[language]
            for key in sorted(set(reference) ^ set(other)):
                where = language if key in reference else LANGUAGES[0]
                raise CatalogError(f"bot/locales/{where}.toml: missing key {key!r}")
            for key, value in reference.items():
                if _fields(value) != _fields(other[key]):
                    raise CatalogError(f"bot/locales/{language}.toml: {key!r} placeholders differ")
        for lang, entries in self.entries.items():
            # A table with a 'one' key is a counted phrase: it needs every form the language's
            # plural rule can choose ('other' as well in Dutch and English).
            for key in sorted({k.removesuffix(".one") for k in entries if k.endswith(".one")}):
                if missing := sorted(f for f in plural_forms(lang) if f"{key}.{f}" not in entries):
                    raise CatalogError(f"bot/locales/{lang}.toml: {key!r} lacks forms {missing}")

    def text(self, lang: str, key: str, **values: object) -> str:
        """One message, filled in."""
        value = self.entries[lang][key]
        if isinstance(value, list):
            raise KeyError(f"{key} is a list; use choice()")
        return value.format(**values)

    def count(self, lang: str, key: str, n: int, **values: object) -> str:
        """A counted phrase: '1 dag' or '3 dagen', the form chosen by the language's plural rule.

        `key` names a table with a text per CLDR plural category ('one', 'other'); the count
        fills `{n}`, and `values` any other placeholder.
        """
        return self.text(lang, f"{key}.{plural_form(lang, n)}", n=n, **values)

    def choice(self, lang: str, key: str, rng: Random, **values: object) -> str:
        """One of several variants of a message (e.g. the thank-you), filled in."""
        value = self.entries[lang][key]
        options = value if isinstance(value, list) else [value]
        return rng.choice(options).format(**values)
