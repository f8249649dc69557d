"""A second opinion: a small linear text model over a folded sentence (see words.py).

Rules memorise phrasings; this model weighs words. Its features are what the folded sentence
already gives: each word, each pair of neighbouring words, the first letters of a longer word
and its last five (so compounds share weight: "zelfmoordgedachten", "afscheidsbrief"), the
concept stems of keys.py the word holds, and the word families of families.py (a means of
hanging, a stockpile, a height, the writer...) with each pair of them in the sentence. Every
feature present adds its weight per class; a softmax over the classes gives the chance that
the sentence is the writer's own crisis, a client's, or calm (the calm kinds kept apart in
training: a figure of speech, death in the work, a denial, an ordinary day).

The weights come from our own labelled development sets only, trained by
`python benchmarks/distress_train.py` (plain Python, logistic regression by SGD, the features,
the regularisation and the threshold chosen by cross-validation) and stored in model.json next
to this file. No network, no downloaded model, no numpy. Why a sentence scored as it did is
`Model.explain`: the features that pushed it most towards "self".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from bot.care.distress.families import word_families
from bot.care.distress.keys import _IN_WORD, _PHRASES
from bot.care.distress.rules import Signal

WEIGHTS = Path(__file__).with_name("model.json")
SELF_CLASSES = ("explicit", "passive", "self_harm", "plan")
_SIGNALS: dict[str, Signal] = {
    "explicit": "explicit",
    "passive": "passive",
    "self_harm": "self_harm",
    "plan": "plan",
}


@dataclass(frozen=True)
class Features:
    """Which kinds of feature a model reads (stored with its weights)."""

    prefixes: tuple[int, ...] = (5, 6)
    suffixes: tuple[int, ...] = (5,)
    bigrams: bool = True
    keys: bool = True
    # The word families of families.py: each word's ("f:hang"), and each pair of families in
    # the sentence ("f:first+hang"), so that a sibling word or another phrasing of the same
    # combination weighs what the trained one did.
    families: bool = False
    family_pairs: bool = False
    # Letter n-grams inside a word, its edges marked ("<kra", "ast>"): "gekrast", "krassen" and
    # "kras" share "kras"; "opgespaard" and "spaar" share "spaa".
    grams: tuple[int, ...] = ()


def features(words: str, kinds: Features) -> list[str]:
    """The features of one folded sentence, each once (in no particular order)."""
    tokens = words.split(" ") if words else []
    found: set[str] = set()
    for token in tokens:
        found.update(_word_features(token, kinds))
    if kinds.bigrams:
        found.update(f"{a} {b}" for a, b in pairwise(tokens))
    if kinds.keys:
        found.update(f"k:{m}" for m in _PHRASES.findall(words))
    if kinds.family_pairs:
        present = sorted({f for token in tokens for f in word_families(token)})
        found.update(
            f"f:{a}+{b}" for i, a in enumerate(present) for b in present[i + 1 :]
        )
    return list(found)


@cache
def _word_features(word: str, kinds: Features) -> tuple[str, ...]:
    out = [word]
    out += [f"{word[:n]}-" for n in kinds.prefixes if len(word) > n]
    out += [f"-{word[-n:]}" for n in kinds.suffixes if len(word) > n + 2]
    if kinds.keys:
        out += [f"k:{m}" for m in _IN_WORD.findall(word)]
    if kinds.families:
        out += [f"f:{family}" for family in word_families(word)]
    if kinds.grams and len(word) > 3:
        marked = f"<{word}>"
        out += list(
            dict.fromkeys(f"g:{marked[i : i + n]}" for n in kinds.grams
                          for i in range(len(marked) - n + 1))
        )
    return tuple(out)


@dataclass(frozen=True)
class Model:
    """Class weights per feature, a bias per class, and the threshold on P(self)."""

    classes: tuple[str, ...]
    kinds: Features
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    # P(self) from which a text of several sentences, read whole, is the writer's crisis when
    # no sentence alone was (None: texts are read by sentence only).
    whole_threshold: float | None = None

    def probabilities(self, words: str) -> dict[str, float]:
        """P(class) for one folded sentence."""
        get = self.weights.get
        rows = [row for f in features(words, self.kinds) if (row := get(f)) is not None]
        logits = [sum(column) for column in zip(self.bias, *rows, strict=True)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def self_score(self, words: str) -> float:
        """P(the writer's own crisis) for one folded sentence."""
        return self_share(self.probabilities(words))

    def explain(self, words: str, top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed the sentence most towards "self" (own-crisis weight minus
        the strongest other class's), largest first: the model's reasons, in its own words."""
        own = [i for i, c in enumerate(self.classes) if c in (*SELF_CLASSES, "self")]
        rest = [i for i in range(len(self.classes)) if i not in own]
        pushes: list[tuple[str, float]] = []
        for feature in features(words, self.kinds):
            row = self.weights.get(feature)
            if row is not None:
                pushes.append((feature, max(row[i] for i in own) - max(row[i] for i in rest)))
        pushes.sort(key=lambda p: (-p[1], p[0]))
        return [p for p in pushes[:top] if p[1] > 0]

    def anchor(self, words: str) -> tuple[int, int]:
        """The span (start, end) in `words` of the word that pushed most towards "self": where
        the reader looks for a negation before it and the person nearest to it."""
        own = [i for i, c in enumerate(self.classes) if c in (*SELF_CLASSES, "self")]
        rest = [i for i in range(len(self.classes)) if i not in own]

        def push(feature: str) -> float:
            row = self.weights.get(feature)
            return 0.0 if row is None else max(row[i] for i in own) - max(row[i] for i in rest)

        best, span, start = -math.inf, (0, 0), 0
        tokens = words.split(" ")
        for i, token in enumerate(tokens):
            value = sum(push(f) for f in _word_features(token, self.kinds))
            if i + 1 < len(tokens) and self.kinds.bigrams:
                value += push(f"{token} {tokens[i + 1]}") / 2
            if i > 0 and self.kinds.bigrams:
                value += push(f"{tokens[i - 1]} {token}") / 2
            if value > best:
                best, span = value, (start, start + len(token))
            start += len(token) + 1
        return span

    def signal(self, words: str) -> Signal:
        """The own-crisis class the sentence is most like (explicit, passive, self_harm, plan)."""
        return signal_of(self.probabilities(words))

    def to_json(self) -> str:
        rows = {f: [round(w * 1000) for w in row] for f, row in sorted(self.weights.items())}
        body = {
            "_": "Generated by `python benchmarks/distress_train.py` from every benchmarks/"
            "distress_set/dev*.tsv; do not edit by hand, rerun it. Weights and bias in"
            " thousandths.",
            "classes": list(self.classes),
            "features": {
                "prefixes": list(self.kinds.prefixes),
                "suffixes": list(self.kinds.suffixes),
                "bigrams": self.kinds.bigrams,
                "keys": self.kinds.keys,
                # Written only when read, so a model without families stays byte for byte.
                **({"families": True} if self.kinds.families else {}),
                **({"family_pairs": True} if self.kinds.family_pairs else {}),
                **({"grams": list(self.kinds.grams)} if self.kinds.grams else {}),
            },
            "threshold": self.threshold,
            **(
                {"whole_threshold": self.whole_threshold}
                if self.whole_threshold is not None
                else {}
            ),
            "bias": [round(b * 1000) for b in self.bias],
            "weights": rows,
        }
        return json.dumps(body, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        body = json.loads(text)
        kinds = body["features"]
        return cls(
            classes=tuple(body["classes"]),
            kinds=Features(
                prefixes=tuple(kinds["prefixes"]),
                suffixes=tuple(kinds["suffixes"]),
                bigrams=bool(kinds["bigrams"]),
                keys=bool(kinds["keys"]),
                families=bool(kinds.get("families", False)),
                family_pairs=bool(kinds.get("family_pairs", False)),
                grams=tuple(kinds.get("grams", ())),
            ),
            bias=tuple(b / 1000 for b in body["bias"]),
            weights={f: tuple(w / 1000 for w in row) for f, row in body["weights"].items()},
            threshold=float(body["threshold"]),
            whole_threshold=body.get("whole_threshold"),
        )


def self_share(probabilities: dict[str, float]) -> float:
    """P(the writer's own crisis) from a sentence's P(class): the four crisis classes."""
    return sum(probabilities.get(c, 0.0) for c in (*SELF_CLASSES, "self"))


def signal_of(probabilities: dict[str, float]) -> Signal:
    """The own-crisis class most likely in a sentence's P(class)."""
    own = [c for c in SELF_CLASSES if c in probabilities]
    best = max(own, key=lambda c: probabilities[c]) if own else "passive"
    return _SIGNALS.get(best, "passive")


@cache
def load_model() -> Model | None:
    """The shipped model, read once; None when its file is missing (the rules still read)."""
    if not WEIGHTS.exists():
        return None
    return Model.from_json(WEIGHTS.read_text(encoding="utf-8"))
