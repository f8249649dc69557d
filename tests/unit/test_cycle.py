"""The reflective cycle's pure parts: how her words are quoted back, where its question goes."""

from __future__ import annotations

from bot.checkin.cycle import QUOTE_CHARS, quote, with_cycle_step
from storage import NewStep


def test_a_quote_is_one_line_without_its_full_stop_and_short():
    assert quote("Twee keer\n gelukt.") == "Twee keer gelukt"
    assert quote("Echt?") == "Echt?" and quote("Nou...") == "Nou..."
    long = quote("woord " * 100)
    assert len(long) <= QUOTE_CHARS and long.endswith("…") and not long.endswith(" …")


def test_the_cycle_question_comes_after_the_signpost_s_and_before_the_scales():
    planned = [
        NewStep("question", "s1.q-a", "A?"),
        NewStep("question", "s1.q-b", "B?"),
        NewStep("energy"),
        NewStep("boundaries"),
    ]
    review = NewStep("question", "cycle.review:7", "Hoe ging dat?")
    kinds = [(s.kind, s.question_id) for s in with_cycle_step(planned, review)]
    assert kinds == [
        ("question", "s1.q-a"),
        ("question", "s1.q-b"),
        ("question", "cycle.review:7"),
        ("energy", None),
        ("boundaries", None),
    ]
    assert with_cycle_step(planned, None) == planned
