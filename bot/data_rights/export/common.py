"""Helpers the export formats share: the file type, language, wall clock and content look-ups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prompts import Content, Signpost
from storage.models import LANGUAGES, ExportedCheckin, User


@dataclass(frozen=True)
class ExportFile:
    """One file to hand to the user: its name, its bytes and its media type."""

    name: str
    data: bytes
    mime_type: str


def _language(user: User) -> str:
    """The user's language, or the default one if storage ever holds an unknown code."""
    return user.language if user.language in LANGUAGES else LANGUAGES[0]


def _local(user: User, moment: datetime) -> datetime:
    """`moment` on the user's wall clock (UTC if the stored zone is unknown)."""
    try:
        return moment.astimezone(ZoneInfo(user.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC)


def _signpost(content: Content, lang: str, number: int) -> Signpost | None:
    """The signpost as content has it now; None if content no longer knows the number."""
    try:
        return content.signpost(lang, number)
    except KeyError:
        return None


def _prompt(signpost: Signpost | None, checkin: ExportedCheckin) -> str | None:
    """The prompt as it was shown (kept with the check-in); by id only for a row without text."""
    if checkin.prompt_text:
        return checkin.prompt_text
    return None if signpost is None else signpost.prompt(checkin.prompt_id)


def _ordered(checkins: Sequence[ExportedCheckin]) -> list[ExportedCheckin]:
    """Check-ins oldest first (stable, so equal dates keep the order storage gave)."""
    return sorted(checkins, key=lambda c: c.local_date)
