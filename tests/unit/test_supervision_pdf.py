"""The /supervisie PDF: her words, headings and scales arrive, masks stay, nothing overflows.

Read back with poppler's pdftotext and pdftoppm (apt-get install poppler-utils), as a reader
would see the file: text and what page 1 looks like. No timing here (benchmarks/).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from random import Random

import pytest
from PIL import Image

from bot.supervision import DayScales, Entry, Intention, LookBack, SupervisionDocument
from bot.supervision.chart import scales_png
from bot.supervision.fonts import printable
from bot.supervision.pdf import TEXTS, make_supervision_pdf
from prompts import LENSES, SIGNPOST_COUNT, load_content

CONTENT = load_content()
MONDAY = date(2026, 3, 2)
A4_WIDTH_PT = 595.28
MARGIN_PT = 22 / 25.4 * 72


def _tool(name: str) -> str:
    """The path of a poppler tool, or the test fails with one line saying what to install."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install poppler-utils)", pytrace=False)
    return path


def pdf_file(doc: SupervisionDocument, tmp_path: Path, name: str = "supervisie.pdf") -> Path:
    """The document written to a file, as the bot would send it."""
    data = make_supervision_pdf(doc)
    assert data.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_of(path: Path) -> str:
    """What pdftotext reads, with every run of whitespace as one space (lines wrap)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return " ".join(out.split())


def pages_of(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


def page_number(page: str) -> tuple[int, int]:
    """'3 / 12' at the foot of a page (pdftotext may read it without the spaces)."""
    match = re.search(r"(\d+) ?/ ?(\d+)$", page)
    assert match, page[-80:]
    return int(match.group(1)), int(match.group(2))


def word_boxes(path: Path) -> list[tuple[str, float, float]]:
    """Every word with its left and right edge in points, from pdftotext -bbox."""
    html = subprocess.run(
        [_tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pattern = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</word>'
    found = re.findall(pattern, html)
    return [(unescape(word), float(x0), float(x1)) for x0, x1, word in found]


def entry(
    day: date, signpost: int, text: str, lens: str | None = "client", lang: str = "nl"
) -> Entry:
    """An answer to the signpost's first question, with the title content gives it."""
    sign = CONTENT.signpost(lang, signpost)
    return Entry(day, signpost, sign.title, lens, sign.questions[0], text)  # type: ignore[arg-type]


def a_month(lang: str = "nl") -> SupervisionDocument:
    """Four weeks with answers in every lens, scales, an intention and a look-back."""
    entries = (
        entry(MONDAY, 1, "Ze wou eerst haar verhaal kwijt, pas dan het plan.", "client", lang),
        entry(MONDAY + timedelta(1), 1, "Ik liet de stilte duren.", "self", lang),
        entry(MONDAY + timedelta(2), 3, "We maakten samen een stappenplan.", "path", lang),
        entry(MONDAY + timedelta(3), 8, "Ik zei nee tegen een extra dienst.", None, lang),
    )
    scales = tuple(
        DayScales(MONDAY + timedelta(i), 1 + i % 5, None if i % 3 else 2) for i in range(20)
    )
    intentions = (
        Intention(MONDAY, "Vaker vragen wat iemand zelf wil proberen.", "Twee keer gelukt."),
        Intention(MONDAY + timedelta(7), "Mijn middagpauze houden.", None),
    )
    look_backs = (
        LookBack(
            MONDAY + timedelta(20),
            MONDAY,
            "Ze wou eerst haar verhaal kwijt.",
            "Nu zie ik dat ik toen goed wachtte.",
        ),
    )
    return SupervisionDocument(
        lang, MONDAY, MONDAY + timedelta(27), False, entries, scales, intentions, look_backs
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_her_words_headings_intentions_and_look_backs_reach_the_pdf(tmp_path, lang):
    doc = a_month(lang)
    text = text_of(pdf_file(doc, tmp_path))
    words = TEXTS[lang]
    for key in ("brand", "title", "intro", "scales", "words", "intentions", "look_backs"):
        assert words[key] in text, key
    for lens in (*LENSES, "other"):
        assert words[lens] in text
    assert words["discuss"] in text
    for item in doc.entries:
        assert item.text in text
        assert f"{item.signpost} · {item.signpost_title}" in text
    assert CONTENT.signpost(lang, 1).questions[0] in text
    for intention in doc.intentions:
        assert intention.text in text
    assert "Twee keer gelukt." in text and words["no_outcome"] in text
    assert "Nu zie ik dat ik toen goed wachtte." in text
    period = "2 maart 2026 – 29 maart 2026" if lang == "nl" else "2 March 2026 – 29 March 2026"
    assert period in text
    assert words["starred"] not in text


def test_the_lenses_come_in_order_within_a_signpost_and_signposts_by_number(tmp_path):
    entries = (
        entry(MONDAY, 5, "vijf zonder lens", None),
        entry(MONDAY, 2, "twee pad", "path"),
        entry(MONDAY + timedelta(1), 2, "twee zelf", "self"),
        entry(MONDAY + timedelta(2), 2, "twee cliënt", "client"),
    )
    doc = SupervisionDocument("nl", MONDAY, MONDAY + timedelta(6), entries=entries)
    text = text_of(pdf_file(doc, tmp_path))
    positions = [text.index(t) for t in ("twee cliënt", "twee zelf", "twee pad", "vijf zonder")]
    assert positions == sorted(positions)


def test_starred_only_is_said_on_the_title_page(tmp_path):
    doc = SupervisionDocument(
        "nl", MONDAY, MONDAY + timedelta(6), True, (entry(MONDAY, 1, "Een gemarkeerd antwoord."),)
    )
    first = pages_of(pdf_file(doc, tmp_path))[0]
    assert "alleen je gemarkeerde antwoorden" in first
    assert "Voorbereiding supervisie / intervisie" in first


def test_a_masked_answer_stays_masked(tmp_path):
    # The caller masks; the PDF prints what it is given, and nothing it was not.
    masked = "Gesprek met […] over de brief van het OCMW, haar nummer […] gaf ik door."
    doc = SupervisionDocument("nl", MONDAY, MONDAY, entries=(entry(MONDAY, 4, masked),))
    text = text_of(pdf_file(doc, tmp_path))
    assert masked in text
    assert "Jana Peeters" not in text and "0470 12 34 56" not in text


def test_dutch_characters_survive_to_the_text(tmp_path):
    answer = "Café, reünie, naïef: ‘even’ “samen” – en dan… één stap."
    doc = SupervisionDocument("nl", MONDAY, MONDAY, entries=(entry(MONDAY, 2, answer),))
    text = text_of(pdf_file(doc, tmp_path))
    assert answer in text
    assert "De cliënt" in text


def test_emoji_the_font_cannot_draw_are_left_out_cleanly(tmp_path):
    answer = "Dank je 💛 voor 🧗‍♀️ de koffie 👍🏽 samen ⚡"
    doc = SupervisionDocument("nl", MONDAY, MONDAY, entries=(entry(MONDAY, 5, answer),))
    text = text_of(pdf_file(doc, tmp_path))
    # pdftotext reads back what the PDF says each glyph is: a tofu box would still say 💛.
    assert "Dank je voor de koffie samen ⚡" in text  # ⚡ is in DejaVu Sans: it stays
    for gone in ("💛", "🧗", "♀", "👍", "\ufffd", "\ufe0f", "\u200d"):
        assert gone not in text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Dank je 💛 echt", "Dank je echt"),
        ("🧗‍♀️ klim", "klim"),  # a joined sequence goes whole, never a lone ♀
        ("❤️ hart", "❤ hart"),  # the font has the heart: its emoji selector goes
        ("ok 👍🏽", "ok"),
        ("vlag 🇧🇪 ok", "vlag ok"),
        ("e\u0301e\u0308n", "éën"),  # composed, so the accent sits on its letter
        ("tab\there\r\nnieuwe regel", "tab here\nnieuwe regel"),
        ("♀ alleen", "♀ alleen"),
    ],
)
def test_printable_keeps_what_the_font_draws_and_drops_the_rest(raw, shown):
    assert printable(raw) == shown


def test_an_empty_period_says_so_and_keeps_the_discuss_page(tmp_path):
    doc = SupervisionDocument("nl", MONDAY, MONDAY + timedelta(27))
    pages = pages_of(pdf_file(doc, tmp_path))
    assert len(pages) == 2
    assert TEXTS["nl"]["empty"] in pages[0]
    assert TEXTS["nl"]["words"] not in pages[0]
    assert TEXTS["nl"]["discuss"] in pages[1]
    assert page_number(pages[1]) == (2, 2)


def test_an_empty_period_in_english(tmp_path):
    doc = SupervisionDocument("en", MONDAY, MONDAY)
    text = text_of(pdf_file(doc, tmp_path))
    assert TEXTS["en"]["empty"] in text and "What would I like to discuss?" in text


def test_scales_without_a_single_score_say_so(tmp_path):
    doc = SupervisionDocument(
        "nl",
        MONDAY,
        MONDAY,
        entries=(entry(MONDAY, 1, "Alleen woorden vandaag."),),
        scales=(DayScales(MONDAY, None, None),),
    )
    assert TEXTS["nl"]["no_scales"] in text_of(pdf_file(doc, tmp_path))


def test_page_one_renders_with_ink_on_it(tmp_path):
    path = pdf_file(a_month(), tmp_path)
    first_page = ["-png", "-r", "50", "-f", "1", "-l", "1"]
    subprocess.run([_tool("pdftoppm"), *first_page, str(path), str(tmp_path / "p")], check=True)
    [png] = tmp_path.glob("p-*.png")
    with Image.open(png) as image:
        width, height = image.size
        assert (width, height) == pytest.approx((413, 585), abs=2)  # A4 at 50 dpi
        grey = image.convert("L")
        inked = sum(count for level, count in enumerate(grey.histogram()) if level < 200)
    share = inked / (width * height)
    assert 0.005 < share < 0.3  # text and a chart, on a page that is mostly paper


def test_long_answers_and_words_stay_within_the_margins(tmp_path):
    url = "https://www.vlaanderen.be/" + "lange-weg/" * 40 + "einde"
    long_answer = " ".join(["Een lange dag met veel papierwerk en één goed gesprek."] * 30)
    doc = SupervisionDocument(
        "nl",
        MONDAY,
        MONDAY,
        entries=(entry(MONDAY, 10, f"Zie {url} voor de uitleg."), entry(MONDAY, 10, long_answer)),
    )
    path = pdf_file(doc, tmp_path)
    boxes = word_boxes(path)
    assert boxes
    right = A4_WIDTH_PT - MARGIN_PT + 1  # a point of rounding
    assert all(x0 >= MARGIN_PT - 1 and x1 <= right for _, x0, x1 in boxes)
    text = "".join(word for word, _, _ in boxes)
    assert url.replace("/", "") in text.replace("/", "")  # broken over lines, nothing lost


def test_invalid_documents_are_refused():
    with pytest.raises(ValueError):
        SupervisionDocument("nl", MONDAY + timedelta(1), MONDAY)
    with pytest.raises(ValueError):
        SupervisionDocument("fr", MONDAY, MONDAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        DayScales(MONDAY, 6, None)
    with pytest.raises(ValueError):
        Entry(MONDAY, SIGNPOST_COUNT + 1, "t", None, "q", "a")
    with pytest.raises(ValueError):
        Entry(MONDAY, 1, "t", "team", "q", "a")  # type: ignore[arg-type]


@pytest.mark.parametrize(("days", "lang"), [(1, "nl"), (20, "en"), (400, "nl")])
def test_the_chart_is_a_small_png_for_any_period(days, lang):
    end = MONDAY + timedelta(days - 1)
    scales = [DayScales(MONDAY + timedelta(i), 1 + i % 5, 5 - i % 5) for i in range(days)]
    data = scales_png(scales, MONDAY, end, lang, ("Energie", "Grenzen"))
    assert data.startswith(b"\x89PNG")
    assert len(data) < 150_000
    assert scales_png(scales, MONDAY, end, lang, ("Energie", "Grenzen")) == data  # no metadata


def a_year(seed: int = 3) -> SupervisionDocument:
    """260 workdays, up to three answers a day of 3–80 words, both scales, weekly intentions."""
    rng = Random(seed)
    words = ["vandaag", "gesprek", "cliënt", "grens", "tempo", "netwerk", "rust", "één", "café"]
    entries, scales, intentions = [], [], []
    start = MONDAY
    for week in range(52):
        monday = start + timedelta(weeks=week)
        intentions.append(Intention(monday, "Eén ding rustiger doen.", rng.choice([None, "Ok."])))
        for weekday in range(5):
            day = monday + timedelta(days=weekday)
            signpost = rng.randint(1, SIGNPOST_COUNT)
            for _ in range(rng.randint(1, 3)):
                text = " ".join(rng.choices(words, k=rng.randint(3, 80)))
                lens = rng.choice([*LENSES, None])
                entries.append(entry(day, signpost, text, lens))
            scales.append(DayScales(day, rng.randint(1, 5), rng.randint(1, 5)))
    end = start + timedelta(weeks=52, days=-1)
    return SupervisionDocument(
        "nl", start, end, False, tuple(entries), tuple(scales), tuple(intentions)
    )


@pytest.mark.slow
def test_a_year_of_daily_answers_makes_a_whole_numbered_document(tmp_path):
    doc = a_year()
    path = pdf_file(doc, tmp_path)
    pages = pages_of(path)
    assert len(pages) > 20
    for number, page in enumerate(pages, start=1):
        assert page_number(page) == (number, len(pages))
    text = " ".join(pages)
    for n in range(1, SIGNPOST_COUNT + 1):
        assert f"{n} · {CONTENT.signpost('nl', n).title}" in text
    assert TEXTS["nl"]["weekly"] in text
    assert TEXTS["nl"]["discuss"] in pages[-1]
    right = A4_WIDTH_PT - MARGIN_PT + 1
    assert all(x1 <= right for _, _, x1 in word_boxes(path))
