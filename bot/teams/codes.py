"""Invite codes: random, URL-safe, stored only as a hash, and the invite link. Pure."""

from __future__ import annotations

import hashlib
import re
import secrets

CODE_BYTES = 12  # 96 random bits: far beyond guessing, even without the throttle
START_PREFIX = "team_"  # /start team_<code>
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def new_code() -> str:
    """A fresh invite code (16 URL-safe characters)."""
    return secrets.token_urlsafe(CODE_BYTES)


def code_hash(code: str) -> str:
    """What the database keeps of a code: its SHA-256, so a copy of the file invites nobody."""
    return hashlib.sha256(code.encode()).hexdigest()


def well_formed(code: str) -> bool:
    """Whether the text could be a code at all (anything else is a wrong code too)."""
    return bool(_CODE.match(code))


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with the join offer."""
    return f"https://t.me/{bot_username}?start={START_PREFIX}{code}"


def code_from_start(args: list[str] | None) -> str | None:
    """The code in `/start team_<code>`, or None for any other /start."""
    if not args or not args[0].startswith(START_PREFIX):
        return None
    return args[0].removeprefix(START_PREFIX)
