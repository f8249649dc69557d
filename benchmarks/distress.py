"""Recall and false alarms of the distress reader on labelled practitioner reflections.

    python benchmarks/distress.py [--set dev|dev2|...|devall|heldout|heldout2|heldout3|all]
                                  [--show-misses | --no-show-misses]

Each line of `benchmarks/distress_set/<set>.tsv` (lang, category, text) is read with
`read_distress` (the rules and the model's second opinion; the model's own cross-validated
figures come from `benchmarks/distress_train.py --cv-only`). Per set and language it
reports, per category: for the first-person crisis categories the recall (concern "self");
for `client` the share read as "client" and the share with any concern; for the others the
false-alarm rate (any concern). Goals: recall on first-person crisis >= 0.95, false alarms
on `ordinary` <= 3%. Also times one call (median and p99, microseconds). A measurement,
never a test: the exit status is always 0.

`dev.tsv`, `dev2.tsv`, ... are the development sets (`devall`: all read as one), each by
another author. `heldout.tsv`, `heldout2.tsv` and `heldout3.tsv` were written by further
authors, blind to the reader, and are only measured: their misclassified lines are printed
only with --show-misses. A blind set, once measured, becomes a development set under the next
free number (heldout4 and heldout5, measured on 2026-12-07, are dev12 and dev13; heldout6,
measured twice, is dev14; heldout7 and heldout8, each measured twice, are dev15 and dev19;
dev9-dev11 are round 5's, on branch s6/distress). heldout9-heldout12, round 9's blind sets,
each measured with round 8's and round 9's reader, are dev28-dev31. Round 10's blind sets,
heldout13-heldout20, each measured, are dev44-dev51; dev40-dev43 were written with them.
heldout21-heldout26 are round 11's, written by six further authors as the round began and
measured with round 10's reader before it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.care.distress import read_distress

SETS_DIR = Path(__file__).with_name("distress_set")
LANGS = ("nl", "en")
CRISIS = ("explicit", "passive", "self_harm", "plan")
CALM = ("hyperbole", "work_death", "negation", "ordinary")
CATEGORIES = (*CRISIS, "client", *CALM)
EXPECTED = {**dict.fromkeys(CRISIS, "self"), "client": "client", **dict.fromkeys(CALM, None)}
RECALL_GOAL = 0.95
ORDINARY_ALARM_GOAL = 0.03
TIMING_ROUNDS = 5
# The development sets, tuned on (and the model trained on): dev.tsv, dev2.tsv, ... by number.
DEV_SETS = tuple(
    sorted((p.stem for p in SETS_DIR.glob("dev*.tsv")), key=lambda n: int(n[3:] or 1))
)  # "devall": all of them read as one
# Written blind by other authors; only ever measured, their misses not shown by default.
HELD_OUT = (
    "heldout",
    "heldout2",
    "heldout3",
    *(f"heldout{n}" for n in range(21, 27)),
)


@dataclass(frozen=True)
class Result:
    """One labelled line and the concern the reader gave it."""

    lang: str
    category: str
    text: str
    concern: str | None

    @property
    def correct(self) -> bool:
        return self.concern == EXPECTED[self.category]


def load(path: Path) -> list[tuple[str, str, str]]:
    """The (lang, category, text) rows of one TSV; malformed rows are reported and skipped."""
    rows: list[tuple[str, str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for number, line in enumerate(lines, start=2):
        parts = line.split("\t", 2)
        if not line.strip():
            continue
        if len(parts) != 3 or parts[0] not in LANGS or parts[1] not in CATEGORIES:
            print(f"{path.name}:{number}: skipped malformed row: {line!r}", file=sys.stderr)
            continue
        rows.append((parts[0], parts[1], parts[2]))
    return rows


def share(results: list[Result], hit: set[str | None] | None = None) -> float:
    """Share of results whose concern is in `hit` (any concern when `hit` is None)."""
    if not results:
        return float("nan")
    if hit is None:
        return sum(r.concern is not None for r in results) / len(results)
    return sum(r.concern in hit for r in results) / len(results)


def report(title: str, results: list[Result]) -> None:
    """Print the per-category table and the summary lines for one group of results."""
    print(f"\n== {title} ({len(results)} lines)")
    print(f"  {'category':<11} {'n':>4}  measure")
    for category in CATEGORIES:
        rows = [r for r in results if r.category == category]
        if category in CRISIS:
            measure = f"recall (self)           {share(rows, {'self'}):.2f}"
        elif category == "client":
            measure = f"as client / any concern {share(rows, {'client'}):.2f} / {share(rows):.2f}"
        else:
            measure = f"false alarms            {share(rows):.1%}"
        print(f"  {category:<11} {len(rows):>4}  {measure}")
    crisis = [r for r in results if r.category in CRISIS]
    ordinary = [r for r in results if r.category == "ordinary"]
    calm = [r for r in results if r.category in CALM]
    recall, alarms = share(crisis, {"self"}), share(ordinary)
    print(
        f"  recall, first-person crisis: {recall:.3f} (n={len(crisis)}, goal >= {RECALL_GOAL}: "
        f"{'met' if recall >= RECALL_GOAL else 'NOT met'})"
    )
    print(
        f"  false alarms, ordinary: {alarms:.1%} (n={len(ordinary)}, goal <= "
        f"{ORDINARY_ALARM_GOAL:.0%}: {'met' if alarms <= ORDINARY_ALARM_GOAL else 'NOT met'})"
    )
    print(f"  false alarms, all non-crisis non-client: {share(calm):.1%} (n={len(calm)})")


def timing(texts: list[str]) -> tuple[float, float]:
    """Median and p99 microseconds of one `read_distress` call over a few rounds."""
    samples: list[float] = []
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            start = time.perf_counter_ns()
            read_distress(text)
            samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*DEV_SETS, "devall", *HELD_OUT, "all"), default="dev")
    parser.add_argument(
        "--show-misses",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="print misclassified lines (default: yes for dev, no for heldout)",
    )
    args = parser.parse_args()
    names = ("devall", *HELD_OUT) if args.set == "all" else (args.set,)
    for name in names:
        paths = [SETS_DIR / f"{n}.tsv" for n in DEV_SETS] if name == "devall" else None
        path = SETS_DIR / f"{name}.tsv"
        if paths is None and not path.exists():
            print(f"\n{path} not found; skipped")
            continue
        rows = [row for p in paths for row in load(p)] if paths else load(path)
        results = [Result(lang, cat, text, read_distress(text).concern) for lang, cat, text in rows]
        for lang in LANGS:
            report(f"{name} · {lang}", [r for r in results if r.lang == lang])
        report(f"{name} · nl+en", results)
        median, p99 = timing([text for _, _, text in rows])
        print(f"  time per call: median {median:.1f} µs, p99 {p99:.1f} µs")
        show = args.show_misses if args.show_misses is not None else name not in HELD_OUT
        misses = [r for r in results if not r.correct]
        if show and misses:
            print(f"\n{name}: {len(misses)} misclassified (expected -> got)")
            for r in misses:
                expected = EXPECTED[r.category]
                print(f"  {r.lang} {r.category:<10} {expected} -> {r.concern}  {r.text}")
        elif misses:
            print(f"\n{name}: {len(misses)} misclassified (not shown; --show-misses to list)")


if __name__ == "__main__":
    main()
