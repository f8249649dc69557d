"""The CSV export: the scales, one row per check-in, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from bot.data_rights.export.common import _language, _ordered, _signpost
from prompts import Content
from storage.models import ExportedCheckin, User

CSV_COLUMNS = ("date", "signpost", "title", "energy", "boundaries")
# Excel opens a CSV with the list separator of the computer's region: ';' wherever the decimal
# separator is a comma (Belgium, the Netherlands), ',' in English-speaking regions.
CSV_DELIMITERS = {"nl": ";", "en": ","}


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
