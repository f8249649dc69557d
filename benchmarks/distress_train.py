"""Trains the distress reader's second opinion (bot/care/distress/model.py) and measures it.

    python benchmarks/distress_train.py            # cross-validate, then write model.json
    python benchmarks/distress_train.py --cv-only  # only the cross-validated table
    python benchmarks/distress_train.py --threshold 0.45  # no CV: GRID[0]'s model.json

Plain Python (no numpy): multinomial logistic regression by SGD with L2, over the features of
model.py, on every development set benchmarks/distress_set/dev*.tsv (never the held-out sets).
Features, regularisation and the threshold on P(self) are chosen by cross-validation grouped by
set: train on all sets but one, measure on the one left out, once per set; the table printed is
out-of-sample for the model. (The rules were written on all these sets, so "rules" and the
rules' share of "combined" are in-sample figures.) Deterministic: fixed seed, fixed order,
rounded weights; the same sets give the same model.json byte for byte.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.distress import CALM, CATEGORIES, CRISIS, DEV_SETS, SETS_DIR, load
from bot.care.distress.model import WEIGHTS, Features, Model, features
from bot.care.distress.reader import _mender, read_with
from bot.care.distress.words import sentences

SEED = 20240611
CLASSES = CATEGORIES  # the nine labels; "self" is the sum of the four crisis ones


@dataclass(frozen=True)
class Example:
    source: str
    lang: str
    category: str
    text: str
    folded: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    kinds: Features
    l2: float
    epochs: int = 12
    rate: float = 0.2
    prune: float = 0.05  # features whose every weight is smaller are dropped
    # Models fitted on other shuffles of the same rows, their weights averaged: one sentence's
    # score then depends less on the order SGD happened to see the rows in.
    shuffles: int = 1


def examples() -> list[Example]:
    out: list[Example] = []
    mender = _mender()
    for name in DEV_SETS:
        for lang, category, text in load(SETS_DIR / f"{name}.tsv"):
            folded = tuple(mender.mend(s) for s in sentences(text[:20_000]))
            out.append(Example(name, lang, category, text, folded))
    return out


def train(data: Sequence[Example], config: Config) -> Model:
    """Sentence by sentence, the way the reader asks. A calm text's sentences all carry its
    label. A crisis or client text's label belongs to one of its sentences: first a model on
    whole texts says which (the one most like the label), then the final model learns that
    sentence with the label and the text's other sentences as ordinary. A text of several
    sentences is also learnt whole, with its label: the reader asks about the whole text when
    no sentence alone said enough (a plan told across sentences: "Friday. After my last
    shift. I've decided.")."""
    whole = _fit([(" ".join(e.folded), e.category) for e in data], config)
    rows: list[tuple[str, str]] = []
    for e in data:
        if e.category in CALM or len(e.folded) == 1:
            rows += [(words, e.category) for words in e.folded]
        else:
            scores = [_score(whole, words, e.category) for words in e.folded]
            best = scores.index(max(scores))
            rows += [
                (words, e.category if i == best else "ordinary") for i, words in enumerate(e.folded)
            ]
        if len(e.folded) > 1:
            rows.append((" ".join(e.folded), e.category))
    return _fit(rows, config)


def _score(model: Model, words: str, category: str) -> float:
    probabilities = model.probabilities(words)
    return sum(probabilities[c] for c in CRISIS) if category in CRISIS else probabilities[category]


def _fit(data: Sequence[tuple[str, str]], config: Config) -> Model:
    """Multinomial logistic regression, SGD with L2 applied to the features a step touches;
    with `config.shuffles` > 1, the average of that many fits on other shuffles."""
    index = {c: i for i, c in enumerate(CLASSES)}
    rows = [(features(words, config.kinds), index[category]) for words, category in data]
    k = len(CLASSES)
    fits = [_sgd(rows, config, SEED + n) for n in range(config.shuffles)]
    names = sorted({f for weights, _ in fits for f in weights})
    zero = [0.0] * k
    weights = {
        f: [sum(w.get(f, zero)[c] for w, _ in fits) / len(fits) for c in range(k)] for f in names
    }
    bias = [sum(b[c] for _, b in fits) / len(fits) for c in range(k)]
    kept = {f: tuple(v) for f, v in weights.items() if max(abs(w) for w in v) >= config.prune}
    return Model(CLASSES, config.kinds, tuple(bias), kept, threshold=0.5)


def _sgd(
    rows: Sequence[tuple[list[str], int]], config: Config, seed: int
) -> tuple[dict[str, list[float]], list[float]]:
    """One fit: the weights per feature and the bias, rows seen in the order `seed` shuffles."""
    k = len(CLASSES)
    weights: dict[str, list[float]] = {}
    bias = [0.0] * k
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(config.epochs):
        rng.shuffle(order)
        rate = config.rate / (1 + epoch)
        for j in order:
            feats, label = rows[j]
            logits = bias[:]
            vectors = [weights.setdefault(f, [0.0] * k) for f in feats]
            for vector in vectors:
                for c in range(k):
                    logits[c] += vector[c]
            top = max(logits)
            exps = [math.exp(v - top) for v in logits]
            total = sum(exps)
            grad = [e / total for e in exps]
            grad[label] -= 1.0
            for c in range(k):
                bias[c] -= rate * grad[c]
            shrink = 1 - rate * config.l2
            for vector in vectors:
                for c in range(k):
                    vector[c] = vector[c] * shrink - rate * grad[c]
    return weights, bias


def with_threshold(model: Model, threshold: float) -> Model:
    return Model(model.classes, model.kinds, model.bias, model.weights, threshold, WHOLE_THRESHOLD)


def model_alone(model: Model, e: Example) -> str | None:
    """The model without the rules or the reader's attribution: any sentence over the
    threshold is "self"; else any sentence most like a client's is "client"."""
    client = False
    for words in e.folded:
        probabilities = model.probabilities(words)
        if sum(probabilities[c] for c in CRISIS) >= model.threshold:
            return "self"
        client |= probabilities["client"] >= 0.5
    return "client" if client else None


def combined(model: Model, e: Example) -> str | None:
    return read_with(e.text, model).concern


def model_read(model: Model, e: Example) -> str | None:
    """The model with the reader's negation, past and person, but no rules: what it adds on
    sentences the rules do not know (the rules were written on these very sets)."""
    return read_with(e.text, model, rules=()).concern


def rules_alone(_: Model, e: Example) -> str | None:
    return read_with(e.text, None).concern


Reader = Callable[[Model, Example], str | None]


def measure(pairs: list[tuple[Example, str | None]]) -> dict[str, float]:
    """Per category: recall as "self" (crisis), as "client" (client), any concern (calm)."""
    out: dict[str, float] = {}
    for category in CATEGORIES:
        got = [c for e, c in pairs if e.category == category]
        if category in CRISIS:
            out[category] = sum(c == "self" for c in got) / len(got)
        elif category == "client":
            out[category] = sum(c == "client" for c in got) / len(got)
        else:
            out[category] = sum(c is not None for c in got) / len(got)
    crisis = [c for e, c in pairs if e.category in CRISIS]
    out["crisis"] = sum(c == "self" for c in crisis) / len(crisis)
    calm = [c for e, c in pairs if e.category in CALM]
    out["calm"] = sum(c is not None for c in calm) / len(calm)
    return out


def cross_validate(
    data: list[Example], config: Config, thresholds: Sequence[float]
) -> dict[float, dict[str, list[tuple[Example, str | None]]]]:
    """Leave one set out: per threshold, per reader, each line read by a model that never saw
    its set."""
    out: dict[float, dict[str, list[tuple[Example, str | None]]]] = {
        t: {"rules": [], "model": [], "model+reader": [], "combined": []} for t in thresholds
    }
    for held in DEV_SETS:
        base = train([e for e in data if e.source != held], config)
        test = [e for e in data if e.source == held]
        for t in thresholds:
            model = with_threshold(base, t)
            for name, reader in (
                ("model", model_alone),
                ("model+reader", model_read),
                ("combined", combined),
            ):
                out[t][name] += [(e, reader(model, e)) for e in test]
    rules = [(e, rules_alone(base, e)) for e in data]
    for t in thresholds:
        out[t]["rules"] = rules
    return out


def table(results: dict[str, list[tuple[Example, str | None]]]) -> str:
    names = ("rules", "model", "model+reader", "combined")
    scores = {n: measure(results[n]) for n in names}
    lines = [f"  {'':<24}" + "".join(f"{n:>13}" for n in names)]
    labels = {c: f"{c} recall (self)" for c in CRISIS}
    labels |= {"crisis": "ALL crisis recall", "client": "client as client"}
    labels |= {c: f"{c} false alarms" for c in CALM} | {"calm": "all calm false alarms"}
    for key in (*CRISIS, "crisis", "client", *CALM, "calm"):
        lines.append(f"  {labels[key]:<24}" + "".join(f"{scores[n][key]:>13.3f}" for n in names))
    return "\n".join(lines)


# Searched earlier and dropped (recall at <= 2% ordinary false alarms no better): L2 1e-3 and
# 3e-3, no suffixes, no prefixes and keys, no bigrams, prefixes of 5-7 with suffixes of 4 and 6.
# Searched on dev-dev7 (2026-12-07) and dropped: letter n-grams inside words (4-grams beside the
# prefixes: model+reader recall 0.73 at 3.2% ordinary false alarms against 0.75 at 1.6%
# without; 3-5-grams alone: 0.76 at 6.3%), L2 1e-3 with families (below 1e-4).
# Round 11 (dev-dev51, eight folds by set, threshold 0.45): three shuffles averaged read as
# one did, recall 0.949 against 0.948, negation false alarms 7.8% against 8.0%, a client's
# crisis as a client's 0.852 against 0.849; kept for the steadier sentence scores (one
# look-alike of the unit tests moved from P(self) 0.98 to 0.36 between two single fits).
# The chosen configuration first (--quick runs it alone). Round 6 (dev-dev8, dev12, dev13):
# family pairs won for the first time (model+reader 0.782 at 2.9% ordinary, threshold 0.65;
# families 0.739 at 2.8%, 0.75; plain 0.729 at 3.2%, 0.7).
GRID = [
    Config(
        Features((4, 5, 6), (5,), True, True, families=True, family_pairs=True),
        l2=3e-4,
        shuffles=3,
    ),
    Config(Features((4, 5, 6), (5,), True, True), l2=1e-4),
    Config(Features((4, 5, 6), (5,), True, True), l2=3e-5),
    Config(Features((4, 5, 6), (5,), True, True, families=True), l2=1e-4),
]
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
# A whole text's P(self) from which it is read as the writer's crisis when no sentence was
# (round 9: fixed, not searched; the sentence threshold is chosen with it in effect).
WHOLE_THRESHOLD = 0.5
# The goal. (Before round 6 this was 0.02 with a penalty every threshold paid, so the
# lowest threshold in the grid was always chosen.)
ORDINARY_LIMIT = 0.03


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument(
        "--quick", action="store_true", help="only the first configuration (the chosen one)"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        help="write the first configuration's model at this threshold without cross-validating"
        " (a threshold chosen by a leave-one-set-out run already made)",
    )
    args = parser.parse_args()
    data = examples()
    if args.threshold is not None:
        write(with_threshold(train(data, GRID[0]), args.threshold))
        return
    best: tuple[float, Config, float] | None = None
    runs: dict[Config, dict[float, dict[str, list[tuple[Example, str | None]]]]] = {}
    for config in GRID[:1] if args.quick else GRID:
        results = runs[config] = cross_validate(data, config, THRESHOLDS)
        for t in THRESHOLDS:
            m = measure(results[t]["model+reader"])
            s = measure(results[t]["combined"])
            print(
                f"{config.kinds} l2={config.l2} t={t}: model+reader crisis {m['crisis']:.3f}"
                f" ordinary {m['ordinary']:.3f} negation {m['negation']:.3f} calm {m['calm']:.3f}"
                f" | combined crisis {s['crisis']:.3f} ordinary {s['ordinary']:.3f}"
                f" calm {s['calm']:.3f}"
            )
            # Recall first, within the goal for ordinary false alarms: the highest
            # model+reader recall among thresholds whose cross-validated reading (rules and
            # model) stays within ORDINARY_LIMIT; ties: fewer calm false alarms. When none
            # stays within, the fewest ordinary false alarms.
            within = s["ordinary"] <= ORDINARY_LIMIT
            key = (m["crisis"] - m["calm"] / 10) if within else -1 - s["ordinary"]
            if best is None or key > best[0]:
                best = (key, config, t)
    assert best is not None
    _, config, threshold = best
    print(f"\nchosen: {config} threshold {threshold}")
    results = runs[config][threshold]
    print(f"cross-validated, leave one set out ({', '.join(DEV_SETS)}):")
    print(table(results))
    if args.cv_only:
        return
    write(with_threshold(train(data, config), threshold))


def write(model: Model) -> None:
    WEIGHTS.write_text(model.to_json(), encoding="utf-8")
    print(f"\nwrote {WEIGHTS} ({len(model.weights)} features, threshold {model.threshold})")


if __name__ == "__main__":
    main()
