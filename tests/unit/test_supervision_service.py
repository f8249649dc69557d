"""/supervisie's gathering, on hand-built exported check-ins: the period, signposts and lenses,
the scales, stars, heavy words left out, and the reflective cycle's steps when they are there."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.texts import Catalog
from bot.supervision import service, views
from bot.supervision.callbacks import PERIOD, SupervisionChoice
from bot.supervision.document import Entry, Intention, LookBack
from bot.supervision.service import Star, bounds, gather, span_of_argument
from prompts import load_content
from storage.models import CareMark, ExportedAnswer, ExportedCheckin, ExportedStep, StarTarget

CONTENT = load_content()
TEXTS = Catalog.load()
START, END = date(2026, 11, 9), date(2026, 12, 6)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 15, 30, tzinfo=UTC)


def said(answer_id: int, text: str, day: date, starred: bool = False) -> ExportedAnswer:
    return ExportedAnswer(text, at(day), None, answer_id, starred=starred)


def asked(
    position: int, question_id: str | None, question: str, *answers: ExportedAnswer
) -> ExportedStep:
    state = "answered" if answers else "skipped"
    return ExportedStep(
        position, "question", question, state, None, None, None, answers, question_id
    )


def scale(position: int, kind: str, score: int | None) -> ExportedStep:
    return ExportedStep(position, kind, None, "answered", score, None, None, ())  # type: ignore[arg-type]


def checkin(
    day: date, signpost: int, *steps: ExportedStep, care_mark: CareMark | None = None
) -> ExportedCheckin:
    return ExportedCheckin(
        local_date=day,
        signpost=signpost,
        prompt_id=None,
        prompt_text="Een prompt",
        trigger="scheduled",
        created_at=at(day),
        delivered_at=at(day),
        completed_at=at(day),
        steps=steps,
        care_mark=care_mark,
    )


def plain(day: date, signpost: int, answer_id: int, text: str, **kw) -> ExportedCheckin:
    """One content question answered, and both scales."""
    question = CONTENT.signpost("nl", signpost).question_ids[0]
    return checkin(
        day,
        signpost,
        asked(0, question, "Wat viel op?", said(answer_id, text, day, kw.pop("starred", False))),
        scale(1, "energy", kw.pop("energy", 4)),
        scale(2, "boundaries", kw.pop("boundaries", 3)),
        **kw,
    )


def test_entries_follow_the_period_with_the_signposts_title_and_first_lens():
    history = [
        plain(date(2026, 11, 6), 1, 1, "Te vroeg"),
        plain(date(2026, 11, 9), 1, 2, "Eerste dag"),
        plain(date(2026, 11, 20), 3, 3, "Samen het plan"),
        plain(date(2026, 12, 6), 8, 4, "Laatste dag"),
        plain(date(2026, 12, 7), 8, 5, "Te laat"),
    ]
    doc = gather(history, CONTENT, "nl", START, END)
    assert [e.text for e in doc.entries] == ["Eerste dag", "Samen het plan", "Laatste dag"]
    first = doc.entries[0]
    assert first == Entry(
        date(2026, 11, 9),
        1,
        CONTENT.signpost("nl", 1).title,
        "client",
        "Wat viel op?",
        "Eerste dag",
    )
    # Each signpost's first lens tag, in content's order: path for 3, self for 8.
    assert [e.lens for e in doc.entries] == ["client", "path", "self"]
    assert [s.day for s in doc.scales] == [date(2026, 11, 9), date(2026, 11, 20), date(2026, 12, 6)]
    assert (doc.scales[0].energy, doc.scales[0].boundaries) == (4, 3)
    assert doc.intentions == () and doc.look_backs == ()
    english = gather(history, CONTENT, "en", START, END)
    assert english.entries[0].signpost_title == CONTENT.signpost("en", 1).title


def test_starred_only_keeps_the_starred_words_and_the_scales():
    history = [
        plain(date(2026, 11, 10), 1, 1, "Niet gemarkeerd"),
        plain(date(2026, 11, 11), 2, 2, "Wel gemarkeerd", starred=True),
    ]
    doc = gather(history, CONTENT, "nl", START, END, starred_only=True)
    assert doc.starred_only and [e.text for e in doc.entries] == ["Wel gemarkeerd"]
    assert len(doc.scales) == 2
    assert service.has_words(doc)
    assert not service.has_words(gather(history[:1], CONTENT, "nl", START, END, starred_only=True))


@pytest.mark.parametrize("mark", ["self", "paused", "client"])
def test_no_answer_of_a_checkin_with_heavy_words_is_quoted(mark: CareMark):
    history = [
        plain(date(2026, 11, 10), 1, 1, "Een gewone dag"),
        plain(date(2026, 11, 11), 4, 2, "Zware woorden", starred=True, care_mark=mark),
        checkin(
            date(2026, 11, 12),
            5,
            asked(
                0,
                "cycle.look_back:2",
                "Hoe kijk je er nu naar?",
                said(3, "Nu beter", date(2026, 11, 12)),
            ),
        ),
    ]
    doc = gather(history, CONTENT, "nl", START, END)
    assert [e.text for e in doc.entries] == ["Een gewone dag"]
    assert doc.look_backs == ()  # nor a look-back at those words
    assert [s.day for s in doc.scales] == [date(2026, 11, 10), date(2026, 11, 11)]  # scores stay
    assert gather(history, CONTENT, "nl", START, END, starred_only=True).entries == ()


def test_the_cycle_gives_intentions_with_how_they_went_look_backs_and_zoom_outs():
    friday, next_friday = date(2026, 11, 13), date(2026, 11, 20)
    history = [
        plain(date(2026, 11, 2), 1, 1, "Van vóór de periode"),
        checkin(
            friday,
            2,
            asked(0, CONTENT.signpost("nl", 2).question_ids[0], "Wat?", said(2, "Gewoon", friday)),
            asked(1, "cycle.zoom_out", "Wat valt je op?", said(3, "Ik haast me", friday)),
            asked(2, "cycle.intention", "Wat neem je je voor?", said(4, "Trager praten", friday)),
        ),
        checkin(
            next_friday,
            3,
            asked(0, "cycle.review:4", "Hoe ging het?", said(5, "Twee keer gelukt", next_friday)),
            asked(1, "cycle.look_back:1", "Hoe kijk je nu?", said(6, "Milder", next_friday)),
            asked(2, "cycle.look_back:999", "Hoe kijk je nu?", said(7, "Weg", next_friday)),
            asked(3, "cycle.something_new", "?", said(8, "Onbekend", next_friday)),
        ),
    ]
    doc = gather(history, CONTENT, "nl", START, END)
    assert doc.intentions == (Intention(date(2026, 11, 16), "Trager praten", "Twee keer gelukt"),)
    assert doc.look_backs == (
        LookBack(next_friday, date(2026, 11, 2), "Van vóór de periode", "Milder"),
    )
    # The weekly "what strikes you" is an entry without a lens; cycle machinery is no entry.
    assert [(e.text, e.lens) for e in doc.entries] == [("Gewoon", "client"), ("Ik haast me", None)]
    starred = gather(
        [*history[:1], history[1], history[2]], CONTENT, "nl", START, END, starred_only=True
    )
    assert starred.intentions == () and starred.look_backs == ()


def test_an_intention_counts_as_starred_when_she_starred_it_or_how_it_went():
    friday, later = date(2026, 11, 13), date(2026, 11, 20)
    history = [
        checkin(friday, 2, asked(0, "cycle.intention", "?", said(4, "Trager praten", friday))),
        checkin(later, 3, asked(0, "cycle.review:4", "?", said(5, "Gelukt", later, starred=True))),
    ]
    doc = gather(history, CONTENT, "nl", START, END, starred_only=True)
    assert doc.intentions == (Intention(date(2026, 11, 16), "Trager praten", "Gelukt"),)


def test_without_any_cycle_step_and_without_history_the_document_is_still_whole():
    empty = gather([], CONTENT, "nl", START, END)
    assert empty.empty and not service.has_words(empty)
    scored = gather(
        [checkin(date(2026, 11, 10), 1, scale(0, "energy", 2))], CONTENT, "nl", START, END
    )
    assert not scored.empty and scored.entries == ()


@pytest.mark.parametrize(
    ("span", "today", "first"),
    [
        ("w4", date(2026, 12, 6), date(2026, 11, 9)),
        ("w8", date(2026, 12, 6), date(2026, 10, 12)),
        ("w1", date(2026, 12, 6), date(2026, 11, 30)),
        ("m3", date(2026, 12, 6), date(2026, 9, 7)),
        ("m3", date(2026, 2, 15), date(2025, 11, 16)),
        ("m3", date(2026, 5, 31), date(2026, 3, 1)),  # 31 February is the 28th, then the next day
    ],
)
def test_a_period_ends_today_and_holds_whole_days(span: str, today: date, first: date):
    assert bounds(span, today) == (first, today)


@pytest.mark.parametrize(
    ("argument", "span"),
    [("8", "w8"), (" 12 ", "w12"), ("4 weken", "w4"), ("6w", "w6"), ("52", "w52"),
     ("0", None), ("53", None), ("acht", None), ("-3", None), ("", None)],
)  # fmt: skip
def test_supervisie_takes_a_number_of_weeks(argument: str, span: str | None):
    assert span_of_argument(argument) == span


def test_the_period_buttons_round_trip_and_refuse_what_no_button_carries():
    for choice in (SupervisionChoice("w4"), SupervisionChoice("m3", "starred"),
                   SupervisionChoice("w52", "all")):  # fmt: skip
        assert PERIOD.decode(PERIOD.encode(choice)) == choice
    for forged in ("sv:w0:a", "sv:w53:-", "sv:m4:a", "sv:w4:x", "sv:w4", "x:w4:a"):
        assert PERIOD.decode(forged) is None


def test_the_file_is_named_by_its_period_in_her_language():
    doc = gather([], CONTENT, "nl", START, END)
    assert service.file_name(doc) == "sherpa-supervisie-2026-11-09_2026-12-06.pdf"
    english = gather([], CONTENT, "en", START, END)
    assert service.file_name(english) == "sherpa-supervision-2026-11-09_2026-12-06.pdf"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_star_replies_say_which_answer_briefly_and_never_heavy_words(lang: str):
    long = "Een heel lang antwoord over <de dag> " * 5
    target = StarTarget(1, long, date(2026, 12, 4), None, True)
    done = views.star_reply(TEXTS, lang, Star("starred", target))
    assert "⭐" in done and "&lt;de dag&gt;" in done and long not in done and "…" in done
    undone = views.star_reply(TEXTS, lang, Star("unstarred", target))
    assert "Een heel lang" in undone
    heavy = views.star_reply(TEXTS, lang, Star("heavy"))
    assert "Een heel lang" not in heavy
    assert views.star_reply(TEXTS, lang, Star("none")) == TEXTS.text(lang, "supervision.star.none")


def test_the_caption_says_her_own_words_and_that_masked_stays_masked():
    doc = gather([], CONTENT, "nl", START, END)
    caption = views.caption(TEXTS, "nl", doc)
    assert "eigen woorden" in caption and "afgeschermd" in caption
    assert "9 november" in caption and "6 december 2026" in caption
    english = views.caption(TEXTS, "en", gather([], CONTENT, "en", START, END, starred_only=True))
    assert "⭐" in english and "masked" in english


@pytest.mark.parametrize(
    ("lang", "command", "star"), [("nl", "/supervisie", "/ster"), ("en", "/supervision", "/star")]
)
def test_help_lists_supervision_and_the_star_among_the_commands(lang, command, star):
    from bot.app import COMMANDS, MENU_NAMES, MENU_TEXTS
    from bot.handlers.fallbacks import help_text

    parts = help_text(TEXTS, lang).split("\n\n")
    assert f"\n{command} – " in parts[1] and f"\n{star} – " in parts[1]
    assert {"supervision", "star"} <= set(COMMANDS)
    assert (MENU_NAMES[("supervision", "nl")], MENU_NAMES[("star", "nl")]) == ("supervisie", "ster")
    assert all(TEXTS.text(lang, key) for key in MENU_TEXTS.values())
