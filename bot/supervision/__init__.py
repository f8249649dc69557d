"""The /supervisie document: her words of a period as a PDF to take to supervision or intervision.

Pure: fill a `SupervisionDocument` (texts already masked by the caller) and pass it to
`bot.supervision.pdf.make_supervision_pdf` for the PDF bytes. No database, no Telegram.
fpdf2 and matplotlib are imported only by `pdf` and `chart`, so the data classes stay light.
"""

from bot.supervision.document import (
    DayScales,
    Entry,
    Intention,
    LookBack,
    SupervisionDocument,
)

__all__ = ["DayScales", "Entry", "Intention", "LookBack", "SupervisionDocument"]
