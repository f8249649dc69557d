"""The supervision document as a PDF: her words to take along to supervisie or intervisie.

Pure: a `SupervisionDocument` in, PDF bytes out. Laid out with fpdf2 on A4, in the DejaVu Sans
that matplotlib ships (so nothing outside pip is needed), with the small energie and grenzen
chart drawn by matplotlib. Characters the font cannot show (most emoji) are left out, never
printed as empty boxes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO
from itertools import groupby

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.core import formatting
from bot.supervision.chart import HEIGHT_MM, WIDTH_MM, scales_png, weekly
from bot.supervision.document import (
    Entry,
    Intention,
    Language,
    LookBack,
    SupervisionDocument,
)
from bot.supervision.fonts import FONT, add_fonts, close_fonts, printable
from prompts import LENSES

# Every heading and fixed sentence of the document, per language: the one place to reword.
TEXTS: dict[Language, dict[str, str]] = {
    "nl": {
        "brand": "Sherpa",
        "title": "Voorbereiding supervisie / intervisie",
        "period": "{start} – {end}",
        "starred": "alleen je gemarkeerde antwoorden",
        "intro": "Je eigen woorden uit deze periode, om mee te nemen naar supervisie of "
        "intervisie. Jij kiest wat je deelt.",
        "empty": "In deze periode staat nog niets: geen antwoorden, scores, voornemens of "
        "terugblikken. Wat je de komende dagen schrijft, komt hier terecht.",
        "scales": "Energie en grenzen",
        "energy": "Energie",
        "boundaries": "Grenzen",
        "no_scales": "Geen scores in deze periode.",
        "daily": "Per dag, van 1 tot 5; een dag zonder score wordt overbrugd.",
        "weekly": "Gemiddeld per week, van 1 tot 5.",
        "words": "Je woorden per richtingsaanwijzer",
        "no_words": "Geen antwoorden in deze periode.",
        "signpost": "{number} · {title}",
        "client": "De cliënt",
        "self": "Mijn aandeel",
        "path": "Ons pad",
        "other": "Andere vragen",
        "intentions": "Je voornemens",
        "week": "Week van {date}",
        "outcome": "Hoe ging het?",
        "no_outcome": "Hoe het ging, schreef je niet op.",
        "look_backs": "Terugblikken",
        "earlier": "Op {date} schreef je:",
        "now": "Op {date} keek je ernaar terug:",
        "discuss": "Wat wil ik bespreken?",
        "discuss_hint": "Wat neem je mee naar supervisie of intervisie? Een vraag, een moment, "
        "iets dat bleef hangen.",
        "page": "{page} / {pages}",
    },
    "en": {
        "brand": "Sherpa",
        "title": "Preparing supervision / intervision",
        "period": "{start} – {end}",
        "starred": "only your starred answers",
        "intro": "Your own words from this period, to take along to supervision or "
        "intervision. You choose what you share.",
        "empty": "Nothing here for this period yet: no answers, scores, intentions or "
        "look-backs. What you write in the coming days will show up here.",
        "scales": "Energy and boundaries",
        "energy": "Energy",
        "boundaries": "Boundaries",
        "no_scales": "No scores in this period.",
        "daily": "Per day, from 1 to 5; a day without a score is bridged.",
        "weekly": "Average per week, from 1 to 5.",
        "words": "Your words by signpost",
        "no_words": "No answers in this period.",
        "signpost": "{number} · {title}",
        "client": "The client",
        "self": "My share",
        "path": "Our path",
        "other": "Other questions",
        "intentions": "Your intentions",
        "week": "Week of {date}",
        "outcome": "How did it go?",
        "no_outcome": "You did not write how it went.",
        "look_backs": "Looking back",
        "earlier": "On {date} you wrote:",
        "now": "On {date} you looked back at it:",
        "discuss": "What would I like to discuss?",
        "discuss_hint": "What will you take to supervision or intervision? A question, a "
        "moment, something that stayed with you.",
        "page": "{page} / {pages}",
    },
}

MARGIN, BOTTOM = 22.0, 22.0  # mm; A4 is 210 × 297
INK, MUTED, RULE = "#2b2d42", "#6c757d", "#c8c8c2"
BODY, SMALL = 10.5, 8.5  # pt
LINE = 5.0  # mm per line of body text
RULED_GAP = 9.0  # mm between the lines to write on
INDENT = 4.0  # mm, her words under their question


def _lens_rank(entry: Entry) -> int:
    """The client first, then my share, then our path; answers without a lens last."""
    return LENSES.index(entry.lens) if entry.lens else len(LENSES)


class _Pages(FPDF):
    """A4 with generous margins and a quiet page number at the foot of every page."""

    def __init__(self, page_label: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.page_label = page_label
        add_fonts(self)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM)

    def footer(self) -> None:
        """'3 / 12', centred, small and grey."""
        self.set_y(-BOTTOM + 8)
        self.set_font(FONT, "", SMALL)
        self.set_text_color(MUTED)
        # fpdf2 puts the page count in place of its alias when the file is written.
        label = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 4, label, align="C")


class _Writer:
    """Lays one document out, top to bottom, in her language."""

    def __init__(self, doc: SupervisionDocument) -> None:
        self.doc = doc
        self.words = TEXTS[doc.language]
        self.pdf = _Pages(self.words["page"])
        self.pdf.set_title(self.words["title"])
        self.pdf.set_lang("nl-BE" if doc.language == "nl" else "en-GB")
        self.pdf.set_creator(self.words["brand"])
        self.widths: dict[tuple[str, float], dict[str, float]] = {}

    def say(self, key: str, **values: object) -> str:
        """A fixed text of the table above, filled in."""
        return self.words[key].format(**values)

    def date(self, day: date, *, weekday: bool = True) -> str:
        """'maandag 2 maart 2026' / 'Monday 2 March 2026'."""
        return formatting.day_words(self.doc.language, day, weekday=weekday, year=True)

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        style: str = "",
        colour: str = INK,
        indent: float = 0.0,
        after: float = 0.0,
    ) -> None:
        """A paragraph that wraps within the margins; a word longer than a line is broken.

        Wrapped here and written a line at a time with `cell`: fpdf2's `multi_cell` measures
        the growing line again for every character, which took seconds for a year of answers.
        """
        pdf = self.pdf
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(colour)
        height = LINE * size / BODY
        width = pdf.epw - indent
        for line in self.wrap(text, width - 2 * pdf.c_margin):
            if not line:
                pdf.ln(height / 2)  # an empty line she typed: a little air, not a full line
                continue
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            pdf.ln(after)

    def width(self, text: str) -> float:
        """The width of `text` in the current font and size (mm), from cached letter widths."""
        pdf = self.pdf
        widths = self.widths.setdefault((pdf.font_style, pdf.font_size_pt), {})
        total = 0.0
        for ch in text:
            if (w := widths.get(ch)) is None:
                w = widths[ch] = pdf.get_string_width(ch, normalized=True)
            total += w
        return total

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` in lines no wider than `width`: at spaces, and inside a word only when the
        word alone is wider (a long link); her own line breaks are kept."""
        lines: list[str] = []
        space = self.width(" ")
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.width(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                while size > width:
                    cut = self.fit(word, width)
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = self.width(word)
                line, used = word, size
            lines.append(line)
        return lines

    def fit(self, word: str, width: float) -> int:
        """How many letters of `word` fit in `width` (at least one, so a line always moves on)."""
        used = 0.0
        for i, ch in enumerate(word):
            used += self.width(ch)
            if used > width:
                return max(i, 1)
        return len(word)

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit: a heading never ends a page."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def heading(self, text: str, *, first: bool = False) -> None:
        """A section heading with a thin rule under it."""
        pdf = self.pdf
        if not first:
            pdf.ln(6)
        self.keep(30)
        self.text(text, size=15, style="B", after=1.5)
        pdf.set_draw_color(RULE)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(4)

    def subheading(self, text: str, *, size: float = 12, colour: str = INK) -> None:
        """A signpost or lens title, kept with what follows it."""
        self.keep(22)
        self.text(text, size=size, style="B", colour=colour, after=1.5)

    # The parts, in the order they appear.

    def title_page(self) -> None:
        """Sherpa, the title, the period (and 'only starred'), and a line on what this is."""
        doc, pdf = self.doc, self.pdf
        pdf.add_page()
        self.text(self.say("brand"), size=11, style="B", colour=MUTED, after=2)
        self.text(self.say("title"), size=20, style="B", after=3)
        period = self.say(
            "period",
            start=self.date(doc.start, weekday=False),
            end=self.date(doc.end, weekday=False),
        )
        if doc.starred_only:
            period += " · " + self.say("starred")
        self.text(period, size=11, colour=MUTED, after=5)
        self.text(self.say("empty" if doc.empty else "intro"), after=4)

    def scales(self) -> None:
        """The small chart of energie and grenzen over the whole period."""
        doc, pdf = self.doc, self.pdf
        self.heading(self.say("scales"))
        if not any(s.energy is not None or s.boundaries is not None for s in doc.scales):
            self.text(self.say("no_scales"), colour=MUTED)
            return
        names = (self.say("energy"), self.say("boundaries"))
        png = scales_png(doc.scales, doc.start, doc.end, doc.language, names)
        width = pdf.epw
        height = width * HEIGHT_MM / WIDTH_MM
        self.keep(height + 6)
        pdf.image(BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=width, h=height)
        pdf.set_y(pdf.get_y() + height)
        self.text(
            self.say("weekly" if weekly(doc.start, doc.end) else "daily"), size=SMALL, colour=MUTED
        )

    def entries(self) -> None:
        """Her words by signpost, and within a signpost by lens: client, self, path, other."""
        self.heading(self.say("words"))
        if not self.doc.entries:
            self.text(self.say("no_words"), colour=MUTED)
            return
        ordered = sorted(self.doc.entries, key=lambda e: (e.signpost, _lens_rank(e), e.day))
        for number, in_signpost in groupby(ordered, key=lambda e: e.signpost):
            group = list(in_signpost)
            title = printable(group[0].signpost_title)
            self.pdf.ln(2)
            self.subheading(self.say("signpost", number=number, title=title))
            for lens, in_lens in groupby(group, key=lambda e: e.lens):
                self.subheading(self.say(lens or "other"), size=BODY, colour=MUTED)
                for entry in in_lens:
                    self.entry(entry)

    def entry(self, entry: Entry) -> None:
        """The day and question, small and grey, then her answer."""
        self.keep(16)
        question = printable(entry.question)
        meta = self.date(entry.day) + (f" · {question}" if question else "")
        self.text(meta, size=SMALL, style="I", colour=MUTED, after=0.8)
        self.text(printable(entry.text), indent=INDENT, after=3)

    def intentions(self, intentions: Iterable[Intention]) -> None:
        """Each week's intention and how it went."""
        self.heading(self.say("intentions"))
        for item in sorted(intentions, key=lambda i: i.week_start):
            self.keep(22)
            self.text(
                self.say("week", date=self.date(item.week_start, weekday=False)),
                size=SMALL,
                colour=MUTED,
            )
            self.text(printable(item.text), indent=INDENT, after=1)
            if item.outcome and (outcome := printable(item.outcome)):
                self.text(self.say("outcome"), size=SMALL, style="I", colour=MUTED, indent=INDENT)
                self.text(outcome, indent=INDENT, after=3)
            else:
                self.text(
                    self.say("no_outcome"), size=SMALL, style="I", colour=MUTED, indent=INDENT
                )
                self.pdf.ln(3)

    def look_backs(self, look_backs: Iterable[LookBack]) -> None:
        """Her earlier words and how she looked at them again."""
        self.heading(self.say("look_backs"))
        for item in sorted(look_backs, key=lambda i: i.day):
            self.keep(26)
            earlier = self.say("earlier", date=self.date(item.earlier_day))
            self.text(earlier, size=SMALL, style="I", colour=MUTED)
            self.text(printable(item.earlier_text), indent=INDENT, colour=MUTED, after=1)
            self.text(
                self.say("now", date=self.date(item.day)), size=SMALL, style="I", colour=MUTED
            )
            self.text(printable(item.reflection), indent=INDENT, after=3)

    def discuss(self) -> None:
        """The last page: 'Wat wil ik bespreken?' and ruled lines to write on."""
        pdf = self.pdf
        pdf.add_page()
        self.heading(self.say("discuss"), first=True)
        self.text(self.say("discuss_hint"), size=SMALL, style="I", colour=MUTED, after=4)
        pdf.set_draw_color(RULE)
        pdf.set_line_width(0.25)
        y = pdf.get_y() + RULED_GAP
        while y <= pdf.h - BOTTOM:
            pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
            y += RULED_GAP

    def write(self) -> bytes:
        """The whole document; a short one when the period holds nothing yet."""
        doc = self.doc
        self.title_page()
        if not doc.empty:
            self.scales()
            self.entries()
            if doc.intentions:
                self.intentions(doc.intentions)
            if doc.look_backs:
                self.look_backs(doc.look_backs)
        self.discuss()
        try:
            return bytes(self.pdf.output())
        finally:
            close_fonts(self.pdf)


def make_supervision_pdf(doc: SupervisionDocument) -> bytes:
    """The supervision document as PDF bytes (A4), in the document's language."""
    return _Writer(doc).write()
