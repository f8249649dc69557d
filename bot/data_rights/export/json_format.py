"""The JSON export: every stored field in the documented, versioned `sherpa-export` format."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from bot.data_rights.export.common import _language, _ordered, _prompt, _signpost
from prompts import Content
from storage.cycle import CYCLE
from storage.models import ExportedCheckin, ExportedStep, User

EXPORT_FORMAT = "sherpa-export"
EXPORT_VERSION = 2  # bump only for breaking changes; see docs/export-schema.md
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index 0 = Monday, as stored
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # the same second precision storage keeps


def _utc(moment: datetime | None) -> str | None:
    """An aware datetime as ISO 8601 UTC with 'Z'; naive ones are refused, not guessed."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime in export: {moment!r}")
    return moment.astimezone(UTC).strftime(_UTC_FORMAT)


def _user_json(user: User, lines_shown_on: date | None) -> dict[str, Any]:
    """The user's settings; ids and schedule bookkeeping stay out (see the schema doc)."""
    return {
        "language": user.language,
        "timezone": user.timezone,
        "checkin_time": user.checkin_time.strftime("%H:%M"),
        "days": [WEEKDAY_NAMES[day] for day in sorted(user.days)],
        "questions_per_checkin": user.questions_per_checkin,
        "verrekijker_day": WEEKDAY_NAMES[user.verrekijker_day],
        "verrekijker_time": user.verrekijker_time.strftime("%H:%M"),
        "nudges": user.nudges,
        "look_backs": user.look_backs,
        "paused": user.paused,
        "paused_until": None if user.paused_until is None else user.paused_until.isoformat(),
        "created_at": _utc(user.created_at),
        "support_lines_shown_on": None if lines_shown_on is None else lines_shown_on.isoformat(),
    }


def _step_json(step: ExportedStep) -> dict[str, Any]:
    """One step with every stored field and all its answers, oldest first."""
    return {
        "position": step.position,
        "kind": step.kind,
        "question": step.question_text,
        "cycle": _cycle_role(step.question_id),
        "state": step.state,
        "score": step.score,
        "asked_at": _utc(step.asked_at),
        "closed_at": _utc(step.closed_at),
        "answers": [
            {
                "text": a.text,
                "created_at": _utc(a.created_at),
                "edited_at": _utc(a.edited_at),
                "starred": a.starred,
            }
            for a in step.answers
        ],
    }


def _cycle_role(question_id: str | None) -> str | None:
    """The question's part in the reflective cycle: zoom_out, intention, review, look_back."""
    if question_id is None or not question_id.startswith(CYCLE):
        return None
    return question_id.removeprefix(CYCLE).split(":", 1)[0]


def _checkin_json(checkin: ExportedCheckin, content: Content, lang: str) -> dict[str, Any]:
    """One check-in, with the signpost title and prompt text resolved in the user's language."""
    signpost = _signpost(content, lang, checkin.signpost)
    return {
        "local_date": checkin.local_date.isoformat(),
        "signpost": {"number": checkin.signpost, "title": signpost.title if signpost else None},
        "prompt_key": checkin.prompt_id,  # the content id: stable, not a database id
        "prompt": _prompt(signpost, checkin),
        "trigger": checkin.trigger,
        "created_at": _utc(checkin.created_at),
        "delivered_at": _utc(checkin.delivered_at),
        "completed_at": _utc(checkin.completed_at),
        "care_mark": checkin.care_mark,
        "checkin_kind": checkin.kind,
        "steps": [_step_json(s) for s in sorted(checkin.steps, key=lambda s: s.position)],
    }


def export_json(
    user: User,
    checkins: Sequence[ExportedCheckin],
    content: Content,
    exported_at: datetime,
    lines_shown_on: date | None = None,
) -> bytes:
    """Every stored field as UTF-8 JSON in the documented, versioned `sherpa-export` format."""
    lang = _language(user)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _utc(exported_at),
        "user": _user_json(user, lines_shown_on),
        "checkins": [_checkin_json(c, content, lang) for c in _ordered(checkins)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
