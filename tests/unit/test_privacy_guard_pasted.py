"""The privacy guard on pasted text (odd spaces, invisible characters, fullwidth forms), its
validation by python-stdnum, and the excerpt that keeps its question within one message."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.privacy_guard import (
    PLACEHOLDER,
    iban_is_valid,
    ibans,
    mask,
    national,
    national_number_is_valid,
    scan,
)
from bot.privacy_guard.excerpt import GAP, masked_excerpt, utf16_length
from bot.privacy_guard.normalise import normalise
from tests.unit.test_privacy_guard import POSITIVES, load_benchmark

NBSP, NNBSP = "\u00a0", "\u202f"
SPACES = [NBSP, NNBSP, "\u2007", "\u2009", "\u3000", "\u2002", "\u205f"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# --- what people paste ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        (f"Haar gsm is 0470{NBSP}12{NBSP}34{NBSP}56 sinds gisteren.", "phone", "0470123456"),
        (f"Haar gsm is 0470{NNBSP}12{NNBSP}34{NNBSP}56 sinds gisteren.", "phone", "0470123456"),
        (f"Storten op BE71{NBSP}0961{NBSP}2345{NBSP}6769 aub.", "iban", "096123456769"),
        (f"Ze woont in de Kerkstraat{NBSP}12 in Gent.", "address", "Kerkstraat"),
        *[
            (f"Bel 04{z}70 12{z}34{z}56 morgen.", "phone", "0470123456")
            for z in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
        ],
        ("Rijksregisternummer 85.07\u200b.30-033.28 klopt.", "national_number", "85073003328"),
        ("Mail naar jan.peeters＠telenet.be morgen.", "email", "telenet"),
        ("Bel ０４７０ １２ ３４ ５６ morgen.", "phone", "0470123456"),
        ("Bel 06\u201112345678 morgen.", "phone", "0612345678"),  # a no-break hyphen
        ("Bel ٠٤٧٠ ١٢ ٣٤ ٥٦ morgen.", "phone", "0470123456"),  # Arabic-Indic digits
    ],
)
def test_pasted_details_are_found_and_masked_in_the_original(
    text: str, kind: str, secret: str
) -> None:
    [finding] = scan(text)
    assert finding.kind == kind
    masked = mask(text)
    assert PLACEHOLDER in masked
    # Nothing of the detail is left, the invisible characters inside it included.
    assert secret not in digits(masked) and secret not in masked
    assert not any(z in masked for z in INVISIBLE)
    assert masked.startswith(text[: finding.start]) and masked.endswith(text[finding.end :])


def test_plain_text_keeps_its_offsets_and_other_scripts_are_left_alone() -> None:
    text = "Ayşe Kaya, İbrahim en ‘Zoë’ belden op 0470 12 34 56 — geen probleem."
    assert [(f.kind, text[f.start : f.end]) for f in scan(text)] == [
        ("name", "Ayşe Kaya"),
        ("phone", "0470 12 34 56"),
    ]


@st.composite
def pasted(draw: st.DrawFn, text: str, detail: str) -> tuple[str, int, int]:
    """text with its detail as pasted: odd spaces, invisible characters inside, fullwidth."""
    out: list[str] = []
    for i, char in enumerate(detail):
        if i > 0 and draw(st.booleans()):
            out.append("".join(draw(st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=3))))
        if char == " ":
            char = draw(st.sampled_from([" ", *SPACES]))
        elif "!" <= char <= "~" and draw(st.integers(0, 3)) == 0:
            char = chr(ord(char) + 0xFEE0)  # its fullwidth form
        out.append(char)
    start = text.index(detail)
    new = "".join(out)
    return text[:start] + new + text[start + len(detail) :], start, start + len(new)


def _labelled_details() -> list[tuple[str, str, str]]:
    """Every case of the benchmark set and the tests whose detail the guard finds."""
    bench = load_benchmark()
    cases = [(c.text, s.kind, c.text[s.start : s.end]) for c in bench.load_cases() for s in c.spans]
    return [
        (text, kind, detail)
        for text, kind, detail in [*POSITIVES, *cases]
        if any(f.kind == kind and text[f.start : f.end] == detail for f in scan(text))
    ]


DETECTED = _labelled_details()


@pytest.mark.slow
@given(st.sampled_from(DETECTED).flatmap(lambda c: st.tuples(st.just(c), pasted(*c[::2]))))
def test_a_detected_detail_is_still_detected_when_pasted(
    case: tuple[tuple[str, str, str], tuple[str, int, int]],
) -> None:
    (text, kind, detail), (noisy, start, end) = case
    findings = scan(noisy)
    # The same detail is found, over exactly the pasted characters ...
    assert any(f.kind == kind and (f.start, f.end) == (start, end) for f in findings)
    # ... and masking the pasted text gives what masking the clean text gives: none of the
    # detail's characters, visible or not, survive.
    assert mask(noisy) == mask(text)
    if len(digits(detail)) >= 4:
        assert digits(detail) not in digits(mask(noisy))


# --- python-stdnum agrees with the checks we wrote before ------------------------------------


def iso_13616(iban: str) -> bool:
    """The hand-written IBAN check the guard used before python-stdnum (length + mod 97)."""
    compact = re.sub(r"[ \-]", "", iban).upper()
    if ibans._IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isascii():
        return False
    if not compact[2:4].isdigit() or not compact.isalnum():
        return False
    return int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1


def rijksregister(number: str) -> bool:
    """The hand-written national number check the guard used before python-stdnum."""
    d = re.sub(r"\D", "", number)
    if len(d) != 11 or not d.isascii():
        return False
    month, day = int(d[2:4]), int(d[4:6])
    if month % 20 > 12 or month > 52 or day > 31:
        return False
    return int(d[9:]) in (97 - int(d[:9]) % 97, 97 - int("2" + d[:9]) % 97)


def _candidates(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> set[str]:
    """Every string the finders hand to the validator while scanning every case we have."""
    seen: set[str] = set()
    check: Callable[[str], bool] = getattr(module, name)

    def recording(value: str) -> bool:
        seen.add(value)
        return check(value)

    monkeypatch.setattr(module, name, recording)
    bench = load_benchmark()
    tests = Path(__file__).with_name("test_privacy_guard.py").read_text(encoding="utf-8")
    literals = re.findall(r'"([^"\n]*)"', tests)
    for text in [c.text for c in bench.load_cases()] + [t for t, _, _ in POSITIVES] + literals:
        scan(text)
        seen.add(text)  # the checksum tables pass bare numbers too
    monkeypatch.undo()
    return seen


def _labelled(kind: str) -> set[str]:
    """The labelled details of a kind, as the finders see them (normalised)."""
    return {normalise(detail)[0] for _, k, detail in DETECTED if k == kind}


def test_stdnum_agrees_with_our_iban_check_on_every_case(monkeypatch) -> None:
    candidates = _candidates(monkeypatch, ibans, "iban_is_valid")
    assert _labelled("iban") <= candidates  # every labelled IBAN was checked
    assert [c for c in candidates if iban_is_valid(c) != iso_13616(c)] == []


def test_stdnum_agrees_with_our_national_number_check_on_every_case(monkeypatch) -> None:
    candidates = _candidates(monkeypatch, national, "national_number_is_valid")
    assert _labelled("national_number") <= candidates
    assert [c for c in candidates if national_number_is_valid(c) != rijksregister(c)] == []


def test_stdnum_also_checks_the_account_structure() -> None:
    # Right ISO checksum, but a Dutch BBAN is 4 letters and 10 digits: letters in the number
    # part are no Dutch account (our old check accepted this).
    forged = "NL92ABNA04171643AB"
    assert iso_13616(forged) and not iban_is_valid(forged)
    assert scan(f"Rekening {forged} van de cliënt.") == []


# --- the excerpt that keeps the guard's question within one message --------------------------


def test_a_short_answer_is_shown_whole() -> None:
    text = "Ik belde mevrouw Peeters op 0470 12 34 56."
    excerpt = masked_excerpt(text, scan(text), room=3800)
    assert excerpt.whole and excerpt.text == mask(text) and excerpt.omitted == 0


def test_a_long_answer_shows_each_finding_with_context() -> None:
    filler = "We praatten lang over de week en over wat haar zwaar valt. " * 70
    text = "Mevrouw Peeters belde. " + filler + "Haar nummer is 0470 12 34 56, zegt ze."
    excerpt = masked_excerpt(text, scan(text), room=600)
    assert not excerpt.whole and utf16_length(excerpt.text) <= 600
    assert excerpt.text.startswith("[…] belde.") and "Haar nummer is […], zegt ze." in excerpt.text
    assert " … " in excerpt.text and "Peeters" not in excerpt.text and "0470" not in excerpt.text


FRAGMENTS = [
    "Mevrouw Peeters ", "0470 12 34 56 ", "jan@x.be ", "BE71 0961 2345 6769 ", "🙂", "é ",
    "en dan gingen we verder ", "Kerkstraat 12 ", "\n", "geboren 3 mei 1990 ", "a" * 40 + " ",
]  # fmt: skip


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=400).map(lambda p: "".join(p)[:4096]))
def test_the_excerpt_always_fits_and_never_shows_a_detail(text: str) -> None:
    findings = scan(text)
    room = 3700
    excerpt = masked_excerpt(text, findings, room=room)
    assert utf16_length(excerpt.text) <= room
    shown = excerpt.text.count(PLACEHOLDER)
    assert shown + excerpt.omitted >= len(findings)  # every finding is shown or counted
    # Each piece of the excerpt is a piece of the masked answer: nothing unmasked shows.
    masked = mask(text, findings)
    for piece in excerpt.text.removeprefix("… ").removesuffix(" …").split(GAP):
        assert piece in masked
