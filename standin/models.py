"""Plain data records of the stand-in: fake people and chats, bot messages, recorded calls."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]


class ApiError(Exception):
    """A Bot API error answer: raised by method handlers, turned into an HTTP error response."""

    def __init__(self, error_code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSON:
        """The JSON body Telegram sends for this error."""
        body: JSON = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (bytes kept so tests can inspect uploads)."""

    field: str
    filename: str | None
    content_type: str
    data: bytes

    def __repr__(self) -> str:  # keep test output short: no file contents
        return f"UploadedFile({self.field!r}, {self.filename!r}, {len(self.data)} bytes)"


@dataclass
class FakeUser:
    """A human Telegram user; their private chat with the bot has chat id == user id."""

    id: int
    first_name: str = "Ann"
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "nl"
    blocked_bot: bool = False

    @property
    def chat_id(self) -> int:
        """Id of the private chat with the bot."""
        return self.id

    def to_dict(self) -> JSON:
        """The Bot API `User` object."""
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data


@dataclass
class FakeChat:
    """A chat the bot is in: a user's private chat or a group."""

    id: int
    type: str = "private"
    title: str | None = None
    user: FakeUser | None = None

    def to_dict(self) -> JSON:
        """The Bot API `Chat` object."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.user is not None:
            user = self.user.to_dict()
            data.update({k: user[k] for k in ("first_name", "last_name", "username") if k in user})
        if self.title is not None:
            data["title"] = self.title
        return data


@dataclass(frozen=True)
class Button:
    """One inline keyboard button as the user sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    web_app: str | None = None  # the Mini App's URL of a web_app button


@dataclass
class SentMessage:
    """A message the bot sent, with its current state (edits update it in place)."""

    chat_id: int
    message_id: int
    date: int
    kind: str = "text"  # text | photo | document
    text: str | None = None  # as the user sees it (HTML tags stripped)
    source_text: str | None = None  # as the bot sent it
    parse_mode: str | None = None
    entities: list[JSON] | None = None
    caption: str | None = None
    reply_markup: JSON | None = None
    reply_to_message_id: int | None = None
    media: UploadedFile | str | None = None
    edit_date: int | None = None
    deleted: bool = False

    @property
    def buttons(self) -> list[list[Button]]:
        """Rows of inline keyboard buttons (empty without an inline keyboard)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            [
                Button(
                    b.get("text", ""),
                    b.get("callback_data"),
                    b.get("url"),
                    (b.get("web_app") or {}).get("url"),
                )
                for b in row
            ]
            for row in rows
        ]

    @property
    def button_labels(self) -> list[str]:
        """All inline button labels, row by row."""
        return [b.text for row in self.buttons for b in row]

    @property
    def shown_text(self) -> str:
        """Text or caption, whichever the message carries."""
        return self.text if self.text is not None else (self.caption or "")


@dataclass(frozen=True)
class Call:
    """One request the bot made, with its parameters decoded to Python values."""

    method: str
    params: JSON
    time: float  # on the stand-in's `now` clock (the simulated date)
    error: str | None = None  # the error description if the stand-in answered with an error
    error_code: int | None = None
    received: float = 0.0  # real time (the stand-in's `monotonic`) the request arrived
    answered: float | None = None  # real time the answer went out; None: pending or hung up
    hung_up: bool = False  # the client closed the connection before the answer (a timeout)


@dataclass
class Fault:
    """A pending injected failure for the next `remaining` calls of `method`."""

    method: str
    error: ApiError
    remaining: int


# A long poll is slow on purpose; "every method" in slow() and time_out_next() skips it.
_NOT_EVERY = frozenset({"getUpdates"})


@dataclass
class Delay:
    """Hold matching calls for `seconds`: before doing them, or after (`delivered`)."""

    method: str | None  # canonical name; None: every method but getUpdates
    seconds: float
    remaining: int | None  # None: until clear_faults()
    delivered: bool = False  # done first and only the answer held back (ambiguous timeout)

    def matches(self, method: str) -> bool:
        """Whether this delay applies to a call of `method`."""
        if self.method is None:
            return method not in _NOT_EVERY
        return self.method.lower() == method.lower()


@dataclass
class ChatFault:
    """Every call for one chat fails with `error` (`remaining` times, None: until cleared)."""

    error: ApiError
    remaining: int | None


class Signal:
    """Wakes waiters whenever the stand-in's state changes (event-driven, no polling)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        """Wake every current waiter; later waiters wait for the next fire."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, check: Callable[[], Any], timeout: float | None) -> Any:
        """Return check()'s first truthy result, re-checking after every fire."""
        async with asyncio.timeout(timeout):
            while True:
                event = self._event  # taken before checking so no fire is missed
                if result := check():
                    return result
                await event.wait()
