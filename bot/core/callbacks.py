"""Typed button data: each feature declares its buttons once, with their prefix written once.

A feature's `callbacks.py` declares a `Buttons` per kind of button: the prefix, how the rest of
the data is read (a pattern and a builder) and written. Encoding, decoding and the pattern a
handler is registered with all come from that one declaration; bot/app.py collects every
feature's `Buttons` in one `ButtonSet`, which checks that no two share a prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

MAX_BYTES = 64  # Telegram's limit for callback_data

T = TypeVar("T")


@dataclass(frozen=True)
class Buttons(Generic[T]):
    """One kind of button: "<prefix>:<rest>", the rest read by `rest` and `build`."""

    prefix: str
    payloads: tuple[type, ...]  # the payload classes it carries (to encode any of them)
    rest: re.Pattern[str]  # what may follow "<prefix>:", matched whole
    build: Callable[[re.Match[str]], T | None]  # None: the shape fits, the value is no button's
    write: Callable[[T], str]  # the rest, written

    @property
    def pattern(self) -> str:
        """The pattern of a CallbackQueryHandler for these buttons."""
        return f"^{re.escape(self.prefix)}:"

    def encode(self, payload: T) -> str:
        """The callback_data of a payload."""
        data = f"{self.prefix}:{self.write(payload)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError("callback data over 64 bytes")
        return data

    def decode(self, data: str | None) -> T | None:
        """The payload of a callback_data string, or None when it is malformed or forged."""
        head = f"{self.prefix}:"
        if not data or not data.startswith(head):
            return None
        match = self.rest.fullmatch(data, len(head))
        return None if match is None else self.build(match)


class ButtonSet:
    """Every feature's buttons together: no two share a prefix, any payload can be written."""

    def __init__(self, buttons: Iterable[Buttons[Any]]) -> None:
        self.buttons = tuple(buttons)
        prefixes = [b.prefix for b in self.buttons]
        if len(prefixes) != len(set(prefixes)) or any(":" in p for p in prefixes):
            raise ValueError(f"button prefixes must be distinct and without ':': {prefixes}")

    def encode(self, payload: object) -> str:
        """The callback_data of any feature's payload."""
        for buttons in self.buttons:
            if isinstance(payload, buttons.payloads):
                return buttons.encode(payload)
        raise TypeError(f"no buttons carry {type(payload).__name__}")

    def decode(self, data: str | None) -> object | None:
        """The payload of any feature's callback_data, or None when no button carries it."""
        for buttons in self.buttons:
            payload: object | None = buttons.decode(data)
            if payload is not None:
                return payload
        return None


def choice_by_letter(choices: tuple[str, ...]) -> Callable[[str], str]:
    """A choice written by its first letter, read back (the letters are distinct)."""
    by_letter = {choice[0]: choice for choice in choices}
    assert len(by_letter) == len(choices), choices
    return by_letter.__getitem__
