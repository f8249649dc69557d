"""No function of the product is too branchy to read: cyclomatic complexity at most 15
(issue 18), measured by radon, the tool the issue names, over every module of bot/ and storage/.

A function that grows past it is split into small named steps, not waved through.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[2]
MOST = 15


def _too_complex() -> list[str]:
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("storage/**/*.py")]):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MOST:
                found.append(f"{path.relative_to(ROOT)}: {block.fullname} {block.complexity}")
    return found


def test_no_function_above_the_bound() -> None:
    assert _too_complex() == []


def test_the_measure_sees_a_branchy_function() -> None:
    """The check can fail: a function of 16 decisions is seen as 17."""
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(16))
    (block,) = cc_visit(f"def f(x):\n{branches}    return -1\n")
    assert block.complexity == MOST + 2
