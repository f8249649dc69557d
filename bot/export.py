"""A practitioner's whole history as files to take along: Markdown journal, JSON, CSV, or a zip.

Pure functions: no database, no Telegram. The caller fetches the user and their check-ins
(storage `HistoryRepository.export`) and sends or writes the returned files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.texts import LANGUAGES, Catalog
from prompts import Content, Signpost
from storage.models import ExportedCheckin, ExportedStep, User

EXPORT_FORMAT = "sherpa-export"
EXPORT_VERSION = 1  # bump only for breaking changes; see docs/export-schema.md
ARCHIVE_THRESHOLD = 512 * 1024  # above this many bytes in total, one zip instead of three files
# Telegram lets bots upload documents of "up to 50 MB"; read as decimal MB to stay on the safe side.
TELEGRAM_UPLOAD_LIMIT = 50 * 1000 * 1000
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index 0 = Monday, as stored
CSV_COLUMNS = ("date", "signpost", "title", "energy", "boundaries")
# Excel opens a CSV with the list separator of the computer's region: ';' wherever the decimal
# separator is a comma (Belgium, the Netherlands), ',' in English-speaking regions.
CSV_DELIMITERS = {"nl": ";", "en": ","}
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # the same second precision storage keeps


@dataclass(frozen=True)
class ExportFile:
    """One file to hand to the user: its name, its bytes and its media type."""

    name: str
    data: bytes
    mime_type: str


def _utc(moment: datetime | None) -> str | None:
    """An aware datetime as ISO 8601 UTC with 'Z'; naive ones are refused, not guessed."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime in export: {moment!r}")
    return moment.astimezone(UTC).strftime(_UTC_FORMAT)


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


def _prompt(signpost: Signpost | None, index: int) -> str | None:
    """The prompt variant that was shown; None for an index content does not have."""
    # A negative index would silently pick another prompt from the end, so refuse it too.
    if signpost is None or not 0 <= index < len(signpost.prompts):
        return None
    return signpost.prompts[index]


# --- JSON -----------------------------------------------------------------------------------


def _user_json(user: User) -> dict[str, Any]:
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
        "paused": user.paused,
        "paused_until": None if user.paused_until is None else user.paused_until.isoformat(),
        "created_at": _utc(user.created_at),
    }


def _step_json(step: ExportedStep) -> dict[str, Any]:
    """One step with every stored field and all its answers, oldest first."""
    return {
        "position": step.position,
        "kind": step.kind,
        "question": step.question_text,
        "state": step.state,
        "score": step.score,
        "asked_at": _utc(step.asked_at),
        "closed_at": _utc(step.closed_at),
        "answers": [
            {"text": a.text, "created_at": _utc(a.created_at), "edited_at": _utc(a.edited_at)}
            for a in step.answers
        ],
    }


def _checkin_json(checkin: ExportedCheckin, content: Content, lang: str) -> dict[str, Any]:
    """One check-in, with the signpost title and prompt text resolved in the user's language."""
    signpost = _signpost(content, lang, checkin.signpost)
    return {
        "local_date": checkin.local_date.isoformat(),
        "signpost": {"number": checkin.signpost, "title": signpost.title if signpost else None},
        "prompt_index": checkin.prompt_index,
        "prompt": _prompt(signpost, checkin.prompt_index),
        "trigger": checkin.trigger,
        "created_at": _utc(checkin.created_at),
        "delivered_at": _utc(checkin.delivered_at),
        "completed_at": _utc(checkin.completed_at),
        "steps": [_step_json(s) for s in sorted(checkin.steps, key=lambda s: s.position)],
    }


def _ordered(checkins: Sequence[ExportedCheckin]) -> list[ExportedCheckin]:
    """Check-ins oldest first (stable, so equal dates keep the order storage gave)."""
    return sorted(checkins, key=lambda c: c.local_date)


def export_json(
    user: User, checkins: Sequence[ExportedCheckin], content: Content, exported_at: datetime
) -> bytes:
    """Every stored field as UTF-8 JSON in the documented, versioned `sherpa-export` format."""
    lang = _language(user)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _utc(exported_at),
        "user": _user_json(user),
        "checkins": [_checkin_json(c, content, lang) for c in _ordered(checkins)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- Markdown -------------------------------------------------------------------------------

# Inside a blockquote only a few line starts change the structure badly: '#' makes a heading,
# '>' a nested quote, a line of only '=' or '-' turns the line above into a heading, and a fence
# (``` or ~~~) swallows the rest of the answer as code. Escaping just those keeps the raw file
# readable (no backslashes over every '*' or '_'); inline '*', lists and the like stay as typed,
# because someone who writes *this* or '- one' in Telegram means exactly that.
# Any run of spaces and tabs counts as indent: a tab after "> " can still leave a heading.
_BLOCK_START = re.compile(r"^([ \t]*)(#|>|`{3}|~{3}|=+[ \t]*$|-+[ \t]*$)")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line endings Markdown knows; not U+2028 and the like


def _quote(text: str) -> str:
    """User text as a Markdown blockquote, verbatim except a '\\' before a leading block marker."""
    lines = [_BLOCK_START.sub(r"\1\\\2", line) for line in _NEWLINE.split(text)]
    quoted: list[str] = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if not line:
            quoted.append(">")
        elif after.strip():
            # Two trailing spaces are a hard line break: the answer keeps the lines it was typed
            # in instead of running together, and they are invisible when read as plain text.
            quoted.append(f"> {line}  ")
        else:
            quoted.append(f"> {line}")
    return "\n".join(quoted)


def _inline(text: str) -> str:
    """Bot text on one line, safe inside '*' or '**' (content has no markup of its own)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("*", "\\*")


def _date_words(texts: Catalog, lang: str, day: date) -> str:
    """'maandag 2 maart 2026' / 'Monday 2 March 2026', from the shared weekday and month names."""
    return texts.text(
        lang,
        "export.date",
        weekday=texts.entries[lang]["weekdays"][day.weekday()],
        day=day.day,
        month=texts.entries[lang]["months"][day.month - 1],
        year=day.year,
    )


def _scales(steps: Sequence[ExportedStep], texts: Catalog, lang: str) -> str | None:
    """'Energie: 4/5 · Grenzen: 3/5' with '—' for a skipped scale; None without scale steps."""
    scores = {s.kind: s.score for s in steps if s.kind != "question"}
    if not scores:
        return None
    shown = {
        kind: texts.text(lang, "export.score", score=score)
        if (score := scores.get(kind)) is not None
        else texts.text(lang, "export.no_score")
        for kind in ("energy", "boundaries")
    }
    return texts.text(lang, "export.scales", **shown)


def _monday(day: date) -> date:
    """The Monday that starts the week of `day` (weeks run Monday to Sunday, as in Belgium)."""
    return day - timedelta(days=day.weekday())


def _touched(checkin: ExportedCheckin) -> bool:
    """True when the check-in holds an answer, a score or a skip by the user."""
    return any(s.answers or s.score is not None or s.state == "skipped" for s in checkin.steps)


def _checkin_markdown(
    checkin: ExportedCheckin, content: Content, texts: Catalog, lang: str
) -> list[str]:
    """The blocks of one check-in: heading, prompt, questions with answers, scales."""
    signpost = _signpost(content, lang, checkin.signpost)
    when = _date_words(texts, lang, checkin.local_date)
    where = (
        texts.text(lang, "export.signpost", number=checkin.signpost, title=signpost.title)
        if signpost
        else texts.text(lang, "export.signpost_untitled", number=checkin.signpost)
    )
    heading = texts.text(lang, "export.day", date=when[:1].upper() + when[1:], signpost=where)
    blocks = [f"### {_inline(heading)}"]
    if prompt := _prompt(signpost, checkin.prompt_index):
        blocks.append(f"*{_inline(prompt)}*")
    steps = sorted(checkin.steps, key=lambda s: s.position)
    for step in steps:
        # A pending question was planned but never put to the user: not part of their journal.
        if step.kind != "question" or (step.state == "pending" and not step.answers):
            continue
        if question := _inline(step.question_text or ""):  # '****' would be a horizontal rule
            blocks.append(f"**{question}**")
        if step.answers:
            blocks += [_quote(a.text) for a in step.answers]
        else:
            status = "skipped" if step.state == "skipped" else "unanswered"
            blocks.append(f"*{texts.text(lang, f'export.{status}')}*")
    if scales := _scales(steps, texts, lang):
        blocks.append(scales)
    return blocks


def export_markdown(
    user: User,
    checkins: Sequence[ExportedCheckin],
    content: Content,
    texts: Catalog,
    exported_at: datetime,
) -> bytes:
    """A readable journal in the user's language: by week (from Monday), then by day."""
    lang = _language(user)
    today = _date_words(texts, lang, _local(user, exported_at).date())
    blocks = [
        f"# {texts.text(lang, 'export.title')}",
        texts.text(lang, "export.exported", date=today),
    ]
    # A check-in whose sending failed and that holds nothing was never seen: not in the journal.
    ordered = [c for c in _ordered(checkins) if c.delivered_at or _touched(c)]
    if not ordered:
        blocks.append(texts.text(lang, "export.empty"))
    else:
        blocks.append(texts.text(lang, "export.intro"))
    for week, days in groupby(ordered, key=lambda c: _monday(c.local_date)):
        blocks.append(f"## {texts.text(lang, 'export.week', date=_date_words(texts, lang, week))}")
        for checkin in days:
            blocks += _checkin_markdown(checkin, content, texts, lang)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


# --- CSV ------------------------------------------------------------------------------------


def export_csv(user: User, checkins: Sequence[ExportedCheckin], content: Content) -> bytes:
    """The scales, one row per check-in, for a spreadsheet: UTF-8 with BOM, regional separator."""
    lang = _language(user)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITERS[lang], lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for checkin in _ordered(checkins):
        scores = {s.kind: s.score for s in checkin.steps if s.kind != "question"}
        signpost = _signpost(content, lang, checkin.signpost)
        writer.writerow(
            [
                checkin.local_date.isoformat(),
                checkin.signpost,
                signpost.title if signpost else "",
                # A skipped or missing scale is an empty cell, so spreadsheet averages skip it.
                "" if scores.get("energy") is None else scores["energy"],
                "" if scores.get("boundaries") is None else scores["boundaries"],
            ]
        )
    # Without a BOM, Excel on Windows reads a CSV in the ANSI code page and garbles any accent in
    # a title; with it, Excel reads UTF-8, and LibreOffice, Google Sheets and 'utf-8-sig' skip it.
    return buffer.getvalue().encode("utf-8-sig")


# --- Files and archive ----------------------------------------------------------------------


def _archive(files: Sequence[ExportFile], name: str, moment: datetime) -> ExportFile:
    """The files in one deflated zip, with fixed timestamps and modes so it is reproducible."""
    buffer = io.BytesIO()
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            info = zipfile.ZipInfo(file.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain readable file when unpacked on Unix
            archive.writestr(info, file.data)
    return ExportFile(name, buffer.getvalue(), "application/zip")


def export_files(
    user: User,
    checkins: Sequence[ExportedCheckin],
    content: Content,
    texts: Catalog,
    exported_at: datetime,
) -> list[ExportFile]:
    """Journal, JSON and CSV; one zip holding all three when they total over ARCHIVE_THRESHOLD."""
    day = _local(user, exported_at).date().isoformat()  # the date the user sees on their calendar
    files = [
        ExportFile(
            f"sherpa-journal-{day}.md",
            export_markdown(user, checkins, content, texts, exported_at),
            "text/markdown",
        ),
        ExportFile(
            f"sherpa-export-{day}.json",
            export_json(user, checkins, content, exported_at),
            "application/json",
        ),
        ExportFile(f"sherpa-scales-{day}.csv", export_csv(user, checkins, content), "text/csv"),
    ]
    if sum(len(f.data) for f in files) <= ARCHIVE_THRESHOLD:
        return files
    # Zip timestamps have no zone; the user's wall-clock time is what their unzip tool shows.
    return [_archive(files, f"sherpa-export-{day}.zip", _local(user, exported_at))]


def exceeds_upload_limit(files: Sequence[ExportFile]) -> bool:
    """True when some file is too big for a Telegram bot to send (the operator CLI has no limit)."""
    return any(len(f.data) > TELEGRAM_UPLOAD_LIMIT for f in files)
