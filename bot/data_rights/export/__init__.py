"""A practitioner's whole history as files to take along: Markdown journal, JSON, CSV, or a zip.

Pure functions: no database, no Telegram. The caller fetches the user and their check-ins
(storage `HistoryRepository.export`) and sends or writes the returned files.
"""

from __future__ import annotations

from bot.data_rights.export.archive import (
    ARCHIVE_THRESHOLD,
    TELEGRAM_UPLOAD_LIMIT,
    exceeds_upload_limit,
    export_files,
)
from bot.data_rights.export.common import ExportFile
from bot.data_rights.export.journal import export_markdown
from bot.data_rights.export.json_format import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    WEEKDAY_NAMES,
    export_json,
)
from bot.data_rights.export.scales import CSV_COLUMNS, CSV_DELIMITERS, export_csv

__all__ = [
    "ARCHIVE_THRESHOLD",
    "CSV_COLUMNS",
    "CSV_DELIMITERS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "TELEGRAM_UPLOAD_LIMIT",
    "WEEKDAY_NAMES",
    "ExportFile",
    "exceeds_upload_limit",
    "export_csv",
    "export_files",
    "export_json",
    "export_markdown",
]
