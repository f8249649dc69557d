"""Shares of a py-spy profile (raw, collapsed stacks), inclusive: what `updates.py --profile` wrote.

    python benchmarks/spy_shares.py FILE [--top 40] [--group NAME=PATTERN ...]

A frame's share is the samples whose stack holds it at least once, over all samples. A group
(NAME=PATTERN, PATTERN a substring of a frame such as `reader.py` or `de_json`) sums the samples
whose stack holds any frame matching it.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>.*?)(?::\d+)?\)$")


def stacks(path: Path) -> list[tuple[list[str], int]]:
    """(frames, samples) for every line of a raw py-spy profile."""
    found = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            found.append((stack.split(";"), int(count)))
    return found


def short(frame: str) -> str:
    """`function (file)`, the file's path cut to its last two parts, no line number."""
    match = FRAME.match(frame)
    if match is None:
        return frame
    file = "/".join(match["file"].split("/")[-2:])
    return f"{match['function']} ({file})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--group", action="append", default=[])
    args = parser.parse_args()
    found = stacks(args.file)
    total = sum(count for _, count in found)
    inclusive: Counter[str] = Counter()
    for frames, count in found:
        for frame in {short(frame) for frame in frames}:
            inclusive[frame] += count
    print(f"{total} samples")
    for frame, count in inclusive.most_common(args.top):
        print(f"{100 * count / total:5.1f}%  {frame}")
    for group in args.group:
        name, _, pattern = group.partition("=")
        count = sum(c for frames, c in found if any(pattern in frame for frame in frames))
        print(f"{100 * count / total:5.1f}%  [{name}] {pattern}")


if __name__ == "__main__":
    main()
