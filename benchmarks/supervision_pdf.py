"""How long the /supervisie PDF takes for a year of daily answers (the goal: under 2 s).

    python benchmarks/supervision_pdf.py [--runs 5] [--out year.pdf]

A synthetic year in Dutch: 260 workdays with three answers each, the most a check-in holds
(mostly a sentence or two, now and then a long one or a link), both scales, a weekly
intention and a look-back a month.
Prints the first (cold) run, the median of the runs after it, the pages and the size.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from random import Random

from bot.supervision import DayScales, Entry, Intention, LookBack, SupervisionDocument
from bot.supervision.pdf import make_supervision_pdf
from prompts import LENSES, Content, load_content

START = date(2026, 3, 2)  # a Monday
_WORDS = """vandaag gesprek cliënt moeder jongere grens tempo netwerk team collega rust plan
huisbezoek luisteren samen afspraak twijfel energie stilte humor vertrouwen één café reünie
‘even’ “samen” – … papierwerk mantelzorger veerkracht supervisie intervisie"""
WORDS = _WORDS.split()


def _answer(rng: Random) -> str:
    """Mostly 8–40 words; one in eight up to 150; one in forty with a long link."""
    count = rng.randint(60, 150) if rng.random() < 1 / 8 else rng.randint(8, 40)
    text = " ".join(rng.choices(WORDS, k=count)).capitalize() + "."
    if rng.random() < 1 / 40:
        text += " Zie https://www.vlaanderen.be/" + "-".join(rng.choices(WORDS, k=12))
    return text


def a_year(content: Content, seed: int = 1) -> SupervisionDocument:
    """52 weeks of five workdays in Dutch, as the /supervisie handler would fill them in."""
    rng = Random(seed)
    entries, scales, intentions, looks = [], [], [], []
    for week in range(52):
        monday = START + timedelta(weeks=week)
        outcome = rng.choice([None, _answer(rng)])
        intentions.append(Intention(monday, _answer(rng), outcome))
        if week % 4 == 3:
            earlier = monday - timedelta(weeks=3)
            looks.append(LookBack(monday, earlier, _answer(rng), _answer(rng)))
        for weekday in range(5):
            day = monday + timedelta(days=weekday)
            signpost = content.signpost("nl", rng.randint(1, 10))
            lenses = [t for t in signpost.tags if t in LENSES]
            for question in rng.sample(signpost.questions, 3):  # the most a day holds
                lens = rng.choice([*lenses, None])
                entry = Entry(day, signpost.number, signpost.title, lens, question, _answer(rng))
                entries.append(entry)
            scales.append(DayScales(day, rng.randint(1, 5), rng.choice([None, 1, 2, 3, 4, 5])))
    end = START + timedelta(weeks=52, days=-1)
    return SupervisionDocument(
        "nl", START, end, False, tuple(entries), tuple(scales), tuple(intentions), tuple(looks)
    )


def main() -> None:
    """Make the PDF a few times and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the PDF here, to look at")
    args = parser.parse_args()
    doc = a_year(load_content())
    times = []
    for _ in range(args.runs + 1):
        start = time.perf_counter()
        data = make_supervision_pdf(doc)
        times.append(time.perf_counter() - start)
    if args.out:
        args.out.write_bytes(data)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    words = sum(len(e.text.split()) for e in doc.entries)
    print(f"{len(doc.scales)} workdays, {len(doc.entries)} answers ({words} words)")
    print(f"first run (fonts and chart cold): {times[0]:.2f} s")
    print(f"median of {args.runs} runs after it: {statistics.median(times[1:]):.2f} s")
    print(f"{pages} pages, {len(data) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
