"""Precision and recall of the privacy guard on labelled practitioner reflections.

    python benchmarks/privacy_guard.py [--cases PATH] [--details]

A finding counts as correct when a labelled span of the same kind overlaps it; a label counts
as found when such a finding exists. Also times `scan` on a 4,096-character text and on
pathological inputs (measured here, never asserted in tests).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.privacy_guard import KINDS, STRUCTURED, Finding, scan

CASES = Path(__file__).with_name("privacy_guard_cases.jsonl")


@dataclass(frozen=True)
class Span:
    """A labelled detail: its kind and offsets in the case text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """One labelled sentence."""

    text: str
    lang: str
    spans: tuple[Span, ...]


@dataclass
class Counts:
    """Matches for one kind or group of kinds."""

    labelled: int = 0
    found: int = 0
    labels_hit: int = 0  # labels overlapped by a finding of the same kind
    findings_hit: int = 0  # findings overlapping a label of the same kind

    @property
    def precision(self) -> float:
        """Share of findings that match a label (1.0 when nothing was found)."""
        return self.findings_hit / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of labels that were found (1.0 when nothing was labelled)."""
        return self.labels_hit / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """The evaluation of a scanner on a set of cases."""

    kinds: dict[str, Counts]
    structured: Counts
    overall: Counts
    sentences: int = 0
    negatives: int = 0
    negatives_flagged: int = 0  # sentences without labels where something was found
    sentences_with_fp: int = 0  # any sentence with at least one unmatched finding
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)


def load_cases(path: Path = CASES) -> list[Case]:
    """Read the JSON-lines set and locate each labelled substring in its text."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        text, spans, taken = raw["text"], [], set()
        for label in raw["spans"]:
            # The same substring may be labelled twice; each label takes the next occurrence.
            start = text.find(label["text"])
            while start in taken:
                start = text.find(label["text"], start + 1)
            if start < 0 or label["kind"] not in KINDS:
                raise ValueError(f"line {number}: bad label {label!r}")
            taken.add(start)
            spans.append(Span(label["kind"], start, start + len(label["text"])))
        cases.append(Case(text, raw["lang"], tuple(spans)))
    return cases


def _overlaps(a: Span | Finding, b: Span | Finding) -> bool:
    """Same kind and overlapping offsets."""
    return a.kind == b.kind and a.start < b.end and b.start < a.end


def evaluate(cases: Iterable[Case], scanner: Callable[[str], list[Finding]] = scan) -> Report:
    """Run the scanner on every case and count matches per kind."""
    report = Report({kind: Counts() for kind in KINDS}, Counts(), Counts())
    for case in cases:
        findings = scanner(case.text)
        report.sentences += 1
        if not case.spans:
            report.negatives += 1
            report.negatives_flagged += bool(findings)
        has_fp = False
        for span in case.spans:
            hit = any(_overlaps(span, f) for f in findings)
            _add(report, span.kind, labelled=1, labels_hit=int(hit))
            if not hit:
                report.misses.append((span.kind, case.text[span.start : span.end], case.text))
        for finding in findings:
            hit = any(_overlaps(finding, s) for s in case.spans)
            _add(report, finding.kind, found=1, findings_hit=int(hit))
            if not hit:
                has_fp = True
                snippet = case.text[finding.start : finding.end]
                report.false_positives.append((finding.kind, snippet, case.text))
        report.sentences_with_fp += has_fp
    return report


def _add(report: Report, kind: str, **increments: int) -> None:
    """Add the increments to the kind's counts, the structured group and the total."""
    groups = [report.kinds[kind], report.overall]
    if kind in STRUCTURED:
        groups.append(report.structured)
    for counts in groups:
        for name, value in increments.items():
            setattr(counts, name, getattr(counts, name) + value)


def format_table(report: Report) -> str:
    """A Markdown table of the counts, precision, recall and F1."""
    rows = ["| kind | labelled | found | precision | recall | F1 |", "|---|--:|--:|--:|--:|--:|"]
    named = [*report.kinds.items(), ("structured (4)", report.structured), ("all", report.overall)]
    for name, c in named:
        scores = f"{c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f}"
        rows.append(f"| {name} | {c.labelled} | {c.found} | {scores} |")
    rows += [
        "",
        f"sentences: {report.sentences}, of which without details: {report.negatives}",
        f"sentences without details where something was flagged: {report.negatives_flagged}",
        f"sentences with at least one false-positive finding: {report.sentences_with_fp}",
    ]
    return "\n".join(rows)


def timings(cases: list[Case]) -> list[tuple[str, float]]:
    """Milliseconds per scan for a realistic 4,096-character text and pathological inputs."""
    realistic = " ".join(case.text for case in cases)[:4096]
    inputs = {
        "4,096 chars of reflections": realistic,
        '"0" * 4096': "0" * 4096,
        '"a@" * 2048': "a@" * 2048,
        '"0 " * 2048': "0 " * 2048,
        "capitalised words (4,096)": ("Aaaa Sarah Van " * 300)[:4096],
        '"Mevrouw " * 512': "Mevrouw " * 512,
    }
    results = []
    for name, text in inputs.items():
        repeats = 20
        start = time.perf_counter()
        for _ in range(repeats):
            scan(text)
        results.append((name, (time.perf_counter() - start) / repeats * 1e3))
    return results


def main() -> None:
    """Evaluate and print the table, timings and, on request, every miss and false positive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--details", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    cases = load_cases(args.cases)
    report = evaluate(cases)
    print(format_table(report))
    print("\n| input | ms per scan |\n|---|--:|")
    for name, ms in timings(cases):
        print(f"| {name} | {ms:.2f} |")
    if args.details:
        for title, items in (
            ("misses", report.misses),
            ("false positives", report.false_positives),
        ):
            print(f"\n{title}:")
            for kind, snippet, text in items:
                print(f"  {kind:<16} {snippet!r:<34} {text}")


if __name__ == "__main__":
    main()
