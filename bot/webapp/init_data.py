"""Telegram's Mini App launch data (initData): checking its signature and age, pure functions.

The scheme is Telegram's (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token); the hash is the hex HMAC-SHA-256 of
the data-check-string (every field but `hash`, sorted by key, as key=value lines joined by
"\\n") keyed with secret_key. Anything unexpected is invalid: a duplicated key could make two
parsers read different values from one signed string.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

DEFAULT_MAX_AGE = 3600  # seconds; Telegram signs initData when the Mini App opens
FUTURE_SKEW = 60  # an auth_date this far ahead of our clock is still accepted
MAX_LENGTH = 8192  # Telegram's initData is well under a kilobyte
MAX_USER_ID = 2**53 - 1  # Telegram's user ids have at most 52 significant bits


class InvalidInitData(Exception):
    """The initData is missing, malformed, forged or too old (the reason never quotes it)."""


@dataclass(frozen=True)
class WebAppUser:
    """Who Telegram says opened the Mini App."""

    user_id: int
    language_code: str | None
    auth_date: int


def _secret_key(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def _check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields))


def _fields(raw: str) -> dict[str, str]:
    """The key=value pairs of the query string, refusing a bad format or a repeated key."""
    if not raw or len(raw) > MAX_LENGTH:
        raise InvalidInitData("empty or too long")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a key appears twice")
    return fields


def validate(raw: str, token: str, *, now: float, max_age: int = DEFAULT_MAX_AGE) -> WebAppUser:
    """The signing user of a valid, fresh initData; InvalidInitData otherwise."""
    fields = _fields(raw)
    given = fields.pop("hash", None)
    if given is None:
        raise InvalidInitData("no hash")
    expected = hmac.new(_secret_key(token), _check_string(fields).encode(), hashlib.sha256)
    # Bytes: compare_digest refuses a str with non-ASCII characters.
    if not hmac.compare_digest(expected.hexdigest().encode(), given.encode()):
        raise InvalidInitData("the signature does not match")
    try:
        auth_date = int(fields["auth_date"])
    except (KeyError, ValueError):
        raise InvalidInitData("no auth_date") from None
    if now - auth_date > max_age:
        raise InvalidInitData("expired")
    if auth_date - now > FUTURE_SKEW:
        raise InvalidInitData("signed in the future")
    try:
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        raise InvalidInitData("no user") from None
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise InvalidInitData("no user id")
    if not 0 < user_id <= MAX_USER_ID:  # a database integer holds no more
        raise InvalidInitData("no user id")
    language = user.get("language_code")
    return WebAppUser(user_id, language if isinstance(language, str) else None, auth_date)


def sign(fields: dict[str, str], token: str) -> str:
    """An initData query string for `fields`, signed as Telegram signs it (try mode, tests)."""
    digest = hmac.new(_secret_key(token), _check_string(fields).encode(), hashlib.sha256)
    return urlencode({**fields, "hash": digest.hexdigest()})


def for_user(user_id: int, token: str, *, now: float, first_name: str = "", lang: str = "") -> str:
    """A signed initData for one user, as a Mini App opened from a private chat gets it."""
    user = {"id": user_id, "first_name": first_name, "language_code": lang}
    payload = json.dumps(user, separators=(",", ":"), ensure_ascii=False)
    return sign({"auth_date": str(int(now)), "user": payload}, token)
