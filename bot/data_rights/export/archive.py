"""All formats as files to send: three files or one zip, and the Telegram upload limit."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

from bot.core.texts import Catalog
from bot.data_rights.export.common import ExportFile, _local
from bot.data_rights.export.journal import export_markdown
from bot.data_rights.export.json_format import export_json
from bot.data_rights.export.scales import export_csv
from prompts import Content
from storage.models import ExportedCheckin, User

ARCHIVE_THRESHOLD = 512 * 1024  # above this many bytes in total, one zip instead of three files
# Telegram lets bots upload documents of "up to 50 MB"; read as decimal MB to stay on the safe side.
TELEGRAM_UPLOAD_LIMIT = 50 * 1000 * 1000


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
    lines_shown_on: date | None = None,
) -> list[ExportFile]:
    """Journal, JSON and CSV; one zip holding all three when they total over ARCHIVE_THRESHOLD.

    `lines_shown_on`: the day the support lines last came (the only thing kept about it)."""
    day = _local(user, exported_at).date().isoformat()  # the date the user sees on their calendar
    files = [
        ExportFile(
            f"sherpa-journal-{day}.md",
            export_markdown(user, checkins, content, texts, exported_at),
            "text/markdown",
        ),
        ExportFile(
            f"sherpa-export-{day}.json",
            export_json(user, checkins, content, exported_at, lines_shown_on),
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
