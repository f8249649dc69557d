"""The export formats: JSON with every field, the Markdown journal, the CSV of scales, the zip."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.texts import Catalog
from bot.data_rights import export
from bot.data_rights.export import (
    ARCHIVE_THRESHOLD,
    CSV_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    TELEGRAM_UPLOAD_LIMIT,
    ExportFile,
    exceeds_upload_limit,
    export_csv,
    export_files,
    export_json,
    export_markdown,
)
from prompts import load_content
from storage.models import ExportedAnswer, ExportedCheckin, ExportedStep, User

# Loaded once: hypothesis tests may not use function-scoped fixtures.
CONTENT = load_content()
TEXTS = Catalog.load()
LOCALES = Path(__file__).resolve().parents[2] / "bot" / "locales"
EXPORTED_AT = datetime(2026, 11, 30, 23, 30, 15, 123456, tzinfo=UTC)  # 1 December in Brussels
MONDAY = date(2026, 3, 2)
USER_ID, CHAT_ID = 987654321, 123456789


def make_user(**changes: Any) -> User:
    """A finished-onboarding user with recognisable ids, so a test can look for leaks."""
    values: dict[str, Any] = dict(
        user_id=USER_ID,
        chat_id=CHAT_ID,
        language="nl",
        timezone="Europe/Brussels",
        checkin_time=time(16, 30),
        days=frozenset({4, 0, 2}),
        questions_per_checkin=2,
        onboarding_step=None,
        paused=True,
        paused_until=date(2026, 12, 7),
        next_signpost=3,
        moments={"next_due_at": datetime(2026, 12, 8, 15, 30, tzinfo=UTC)},
        created_at=datetime(2026, 2, 27, 9, 0, tzinfo=UTC),
        verrekijker_day=6,
        verrekijker_time=time(18, 15),
        nudges=False,
    )
    return User(**(values | changes))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A UTC moment on `day`."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def answer(
    text: str, day: date = MONDAY, edited: bool = False, starred: bool = False
) -> ExportedAnswer:
    """An answer typed at 15:40, edited at 15:45 if `edited`; `starred` for supervision."""
    edit = at(day, 15, 45) if edited else None
    return ExportedAnswer(text, at(day, 15, 40), edit, starred=starred)


def question(
    position: int, text: str, *answers: ExportedAnswer, state: str = "answered", day: date = MONDAY
) -> ExportedStep:
    """A question step; pending ones were never asked, so they have no times."""
    asked = None if state == "pending" else at(day, 15, 30)
    closed = at(day, 15, 50) if state in ("answered", "skipped") else None
    return ExportedStep(position, "question", text, state, None, asked, closed, answers)  # type: ignore[arg-type]


def scale(position: int, kind: str, score: int | None, day: date = MONDAY) -> ExportedStep:
    """An energy or boundaries step; no score means it was skipped."""
    state = "skipped" if score is None else "answered"
    return ExportedStep(position, kind, None, state, score, at(day, 15, 50), at(day, 15, 51), ())  # type: ignore[arg-type]


def checkin(
    day: date,
    *steps: ExportedStep,
    signpost: int = 1,
    prompt_id: str | None = None,
    prompt_text: str | None = None,
    delivered: bool = True,
) -> ExportedCheckin:
    """A check-in on `day`; completed when it has steps and was delivered."""
    return ExportedCheckin(
        local_date=day,
        signpost=signpost,
        prompt_id=prompt_id,
        prompt_text=prompt_text,
        trigger="scheduled",
        created_at=at(day, 15, 29),
        delivered_at=at(day, 15, 30) if delivered else None,
        completed_at=at(day, 15, 51) if delivered and steps else None,
        steps=steps,
    )


def simple(day: date, text: str, energy: int | None = 4, boundaries: int | None = 3, **kw: Any):
    """A check-in with one answered question and both scales."""
    steps = (question(0, "Wat leerde je?", answer(text, day), day=day),)
    steps += (scale(1, "energy", energy, day), scale(2, "boundaries", boundaries, day))
    return checkin(day, *steps, **kw)


def rich() -> ExportedCheckin:
    """Every kind of step and state: two answers (one edited), skipped, open, pending, scales."""
    return checkin(
        MONDAY,
        question(
            0,
            "Wat leerde je?",
            answer("Eerste"),
            answer("Tweede, aangepast", edited=True, starred=True),
        ),
        question(1, "Welk moment?", state="skipped"),
        question(2, "Wat neem je mee?", state="open"),
        question(3, "Nooit gevraagd", state="pending"),
        scale(4, "energy", 4),
        scale(5, "boundaries", None),
        signpost=8,
        prompt_id=CONTENT.signpost("nl", 8).prompt_ids[2],  # an old row: no text kept
    )


def as_json(user: User, checkins: list[ExportedCheckin]) -> dict[str, Any]:
    """The JSON export, parsed."""
    return json.loads(export_json(user, checkins, CONTENT, EXPORTED_AT).decode("utf-8"))


def as_markdown(checkins: list[ExportedCheckin], lang: str = "nl") -> str:
    """The Markdown journal as text."""
    data = export_markdown(make_user(language=lang), checkins, CONTENT, TEXTS, EXPORTED_AT)
    return data.decode("utf-8")


def as_rows(checkins: list[ExportedCheckin], lang: str = "nl") -> list[list[str]]:
    """The CSV parsed back with the csv module and the separator of the language."""
    data = export_csv(make_user(language=lang), checkins, CONTENT)
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM, for Excel
    delimiter = export.CSV_DELIMITERS[lang]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


# --- JSON -----------------------------------------------------------------------------------


def test_json_holds_format_version_settings_and_every_stored_field():
    doc = as_json(make_user(), [rich()])
    assert list(doc) == ["format", "version", "exported_at", "user", "checkins"]
    assert (
        (doc["format"], doc["version"]) == (EXPORT_FORMAT, EXPORT_VERSION) == ("sherpa-export", 2)
    )
    assert doc["exported_at"] == "2026-11-30T23:30:15Z"
    assert doc["user"] == {
        "language": "nl",
        "timezone": "Europe/Brussels",
        "checkin_time": "16:30",
        "days": ["mon", "wed", "fri"],
        "questions_per_checkin": 2,
        "verrekijker_day": "sun",
        "verrekijker_time": "18:15",
        "nudges": False,
        "look_backs": True,
        "paused": True,
        "paused_until": "2026-12-07",
        "created_at": "2026-02-27T09:00:00Z",
        "support_lines_shown_on": None,
    }
    signpost = CONTENT.signpost("nl", 8)
    step = dict.fromkeys(("score", "asked_at", "closed_at", "cycle"))
    assert doc["checkins"] == [
        {
            "local_date": "2026-03-02",
            "signpost": {"number": 8, "title": signpost.title},
            "prompt_key": signpost.prompt_ids[2],
            "prompt": signpost.prompts[2],
            "trigger": "scheduled",
            "created_at": "2026-03-02T15:29:00Z",
            "delivered_at": "2026-03-02T15:30:00Z",
            "completed_at": "2026-03-02T15:51:00Z",
            "care_mark": None,
            "checkin_kind": "daily",
            "steps": [
                step | {"position": 0, "kind": "question", "question": "Wat leerde je?",
                        "state": "answered", "asked_at": "2026-03-02T15:30:00Z",
                        "closed_at": "2026-03-02T15:50:00Z", "answers": [
                    {"text": "Eerste", "created_at": "2026-03-02T15:40:00Z", "edited_at": None,
                     "starred": False},
                    {"text": "Tweede, aangepast", "created_at": "2026-03-02T15:40:00Z",
                     "edited_at": "2026-03-02T15:45:00Z", "starred": True},
                ]},
                step | {"position": 1, "kind": "question", "question": "Welk moment?",
                        "state": "skipped", "asked_at": "2026-03-02T15:30:00Z",
                        "closed_at": "2026-03-02T15:50:00Z", "answers": []},
                step | {"position": 2, "kind": "question", "question": "Wat neem je mee?",
                        "state": "open", "asked_at": "2026-03-02T15:30:00Z", "answers": []},
                step | {"position": 3, "kind": "question", "question": "Nooit gevraagd",
                        "state": "pending", "answers": []},
                {"position": 4, "kind": "energy", "question": None, "cycle": None,
                 "state": "answered",
                 "score": 4, "asked_at": "2026-03-02T15:50:00Z",
                 "closed_at": "2026-03-02T15:51:00Z", "answers": []},
                {"position": 5, "kind": "boundaries", "question": None, "cycle": None,
                 "state": "skipped",
                 "score": None, "asked_at": "2026-03-02T15:50:00Z",
                 "closed_at": "2026-03-02T15:51:00Z", "answers": []},
            ],
        }
    ]  # fmt: skip
    # Key order is part of the format: the same for every check-in and step.
    assert list(doc["checkins"][0]["steps"][0]) == [
        "position", "kind", "question", "cycle", "state", "score", "asked_at", "closed_at",
        "answers",
    ]  # fmt: skip


def keys(value: Any) -> set[str]:
    """Every object key anywhere in a parsed JSON document."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_json_holds_no_internal_ids_or_schedule_bookkeeping():
    data = export_json(make_user(), [rich()], CONTENT, EXPORTED_AT).decode("utf-8")
    assert str(USER_ID) not in data and str(CHAT_ID) not in data
    found = keys(json.loads(data))
    assert not {k for k in found if k == "id" or k.endswith("_id")}
    assert not found & {"onboarding_step", "next_signpost", "next_due_at", "next_nudge_at"}


def test_json_titles_and_prompts_follow_the_users_language():
    doc = as_json(make_user(language="en"), [rich()])
    assert doc["checkins"][0]["signpost"]["title"] == CONTENT.signpost("en", 8).title
    assert doc["checkins"][0]["prompt"] == CONTENT.signpost("en", 8).prompts[2]


@pytest.mark.parametrize("prompt_id", [None, "s1.p-retired"])
def test_json_prompt_is_null_for_an_id_content_does_not_have(prompt_id):
    doc = as_json(make_user(), [checkin(MONDAY, prompt_id=prompt_id)])
    assert doc["checkins"][0]["prompt"] is None
    assert doc["checkins"][0]["prompt_key"] == prompt_id  # still exported as stored


def test_the_prompt_is_exported_as_it_was_shown_not_as_content_has_it_now():
    kept = "Een aanloop die intussen herschreven is."
    old = checkin(MONDAY, prompt_id=CONTENT.signpost("nl", 1).prompt_ids[0], prompt_text=kept)
    assert as_json(make_user(), [old])["checkins"][0]["prompt"] == kept
    assert f"*{kept}*" in as_markdown([old], "nl")


def test_json_signpost_title_is_null_for_a_number_content_does_not_have():
    doc = as_json(make_user(), [checkin(MONDAY, signpost=42)])
    assert doc["checkins"][0]["signpost"] == {"number": 42, "title": None}


def test_json_times_are_utc_with_z_and_naive_times_are_refused():
    brussels = datetime(2026, 3, 2, 16, 30, tzinfo=ZoneInfo("Europe/Brussels"))
    doc = as_json(make_user(created_at=brussels), [])
    assert doc["user"]["created_at"] == "2026-03-02T15:30:00Z"
    with pytest.raises(ValueError, match="naive"):
        export_json(make_user(), [], CONTENT, datetime(2026, 11, 30, 12, 0))


def test_json_of_an_empty_history_is_valid_and_empty():
    doc = as_json(make_user(paused=False, paused_until=None), [])
    assert doc["checkins"] == [] and doc["user"]["paused_until"] is None


def test_json_lists_checkins_oldest_first():
    later, earlier = simple(MONDAY + timedelta(days=3), "b"), simple(MONDAY, "a")
    assert [c["local_date"] for c in as_json(make_user(), [later, earlier])["checkins"]] == [
        "2026-03-02",
        "2026-03-05",
    ]


@given(st.text())
def test_any_answer_text_survives_the_json_export_exactly(text):
    doc = as_json(make_user(), [simple(MONDAY, text)])
    assert doc["checkins"][0]["steps"][0]["answers"][0]["text"] == text


# --- Markdown -------------------------------------------------------------------------------

WEEKS = {
    "nl": ("Week van maandag 2 maart 2026", "Week van maandag 9 maart 2026"),
    "en": ("Week of Monday 2 March 2026", "Week of Monday 9 March 2026"),
}
DAYS = {
    "nl": ("Maandag 2 maart 2026", "Zondag 8 maart 2026", "Dinsdag 10 maart 2026"),
    "en": ("Monday 2 March 2026", "Sunday 8 March 2026", "Tuesday 10 March 2026"),
}
SIGNPOST = {"nl": "Richtingsaanwijzer", "en": "Signpost"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_groups_by_week_then_day_in_the_users_language(lang):
    days = [MONDAY + timedelta(days=8), MONDAY, MONDAY + timedelta(days=6)]  # out of order
    text = as_markdown([simple(d, f"op {d}", signpost=i + 1) for i, d in enumerate(days)], lang)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    titles = [CONTENT.signpost(lang, n).title for n in (2, 3, 1)]
    week1, week2 = WEEKS[lang]
    day1, day2, day3 = (
        f"{d} — {SIGNPOST[lang]} {n}: {t}"
        for d, n, t in zip(DAYS[lang], (2, 3, 1), titles, strict=True)
    )
    assert headings == [
        f"# {TEXTS.text(lang, 'export.title')}",
        f"## {week1}",
        f"### {day1}",
        f"### {day2}",  # Sunday still belongs to the week that began on Monday
        f"## {week2}",
        f"### {day3}",
    ]
    assert TEXTS.text(lang, "export.exported", date="x").split("x")[0] in text
    assert ("dinsdag 1 december 2026" if lang == "nl" else "Tuesday 1 December 2026") in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_shows_prompt_questions_answers_skips_and_scales(lang):
    text = as_markdown([rich()], lang)
    prompt = CONTENT.signpost(lang, 8).prompts[2]
    skipped, unanswered = (TEXTS.text(lang, f"export.{k}") for k in ("skipped", "unanswered"))
    energy, boundaries = ("Energie", "Grenzen") if lang == "nl" else ("Energy", "Boundaries")
    expected = [
        f"*{prompt}*",
        "**Wat leerde je?**",
        "> Eerste",
        "> Tweede, aangepast",  # the edited version, as storage keeps it
        f"*{TEXTS.text(lang, 'supervision.export_starred')}*",  # starred for supervision
        "**Welk moment?**",
        f"*{skipped}*",
        "**Wat neem je mee?**",
        f"*{unanswered}*",
        f"{energy}: 4/5 · {boundaries}: —",
    ]
    assert text.split("\n\n")[5:] == [*expected[:-1], expected[-1] + "\n"]
    assert "Nooit gevraagd" not in text  # a pending question was never put to the user


@pytest.mark.parametrize(
    ("lang", "mark"),
    [("nl", "⭐ gemarkeerd voor supervisie"), ("en", "⭐ starred for supervision")],
)
def test_markdown_marks_a_starred_answer_for_supervision(lang: str, mark: str):
    text = as_markdown([rich()], lang)
    assert f"> Tweede, aangepast\n\n*{mark}*" in text
    assert text.count("⭐") == 1  # only the starred one


def test_markdown_quotes_answers_verbatim_line_by_line():
    lines = ["Vandaag 😊 ging het *echt* goed", "שלום עולם — مرحبا", "- eerst", "- dan"]
    text = as_markdown([simple(MONDAY, "\n".join(lines))])
    # Two trailing spaces keep each typed line on its own line when rendered.
    assert "> " + "  \n> ".join(lines) + "\n" in text


def test_markdown_escapes_only_the_line_starts_that_would_break_the_quote():
    answer_text = "# geen kop\n> geen citaat\n  #ook niet\n---\n```\n*sterretjes* en #hashtag"
    text = as_markdown([simple(MONDAY, answer_text)])
    assert (
        "> \\# geen kop  \n> \\> geen citaat  \n>   \\#ook niet  \n> \\---  \n> \\```  \n"
        "> *sterretjes* en #hashtag\n"
    ) in text


def test_markdown_keeps_a_4096_character_answer_whole():
    long = ("Een lange dag met veel indrukken. " * 130)[:4096]
    assert f"> {long}\n" in as_markdown([simple(MONDAY, long)])


def test_markdown_keeps_blank_lines_and_several_answers_apart():
    steps = (question(0, "V?", answer("een\n\ntwee"), answer("drie")),)
    assert "> een\n>\n> twee\n\n> drie\n" in as_markdown([checkin(MONDAY, *steps)])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_of_an_empty_history_says_there_is_nothing_yet(lang):
    text = as_markdown([], lang)
    assert TEXTS.text(lang, "export.empty") in text
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        f"# {TEXTS.text(lang, 'export.title')}"
    ]


def test_markdown_leaves_out_a_checkin_that_never_reached_the_user():
    failed = checkin(MONDAY, question(0, "Nooit verstuurd", state="pending"), delivered=False)
    text = as_markdown([failed])
    assert "Nooit verstuurd" not in text and "## " not in text
    assert len(as_json(make_user(), [failed])["checkins"]) == 1  # the JSON keeps everything


BLOCK_MARKER = re.compile(r"^>[ \t]*(#|>|`{3}|~{3}|=+[ \t]*$|-+[ \t]*$)", re.M)


MARKDOWNISH = st.text(alphabet=" \t#>-=`~*a\n\r", max_size=20)  # finds edge cases sooner


@given(st.text() | MARKDOWNISH)
def test_any_answer_stays_inside_its_quote_and_keeps_its_words(text):
    md = as_markdown([simple(MONDAY, text)])
    body = md.split("**Wat leerde je?**\n\n", 1)[1].rsplit("\n\nEnergie:", 1)[0]
    assert all(line.startswith(">") for line in body.split("\n"))  # no line escapes the quote
    assert not BLOCK_MARKER.search(body)  # and none starts a heading, a quote or a fence in it
    for line in re.split(r"\r\n|\r|\n", text):
        assert line.strip().lstrip("#>`~=-") in body


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_has_a_header_and_one_row_per_checkin_with_empty_skipped_scales(lang):
    checkins = [simple(MONDAY, "a", 4, 3, signpost=1), simple(MONDAY + timedelta(1), "b", None, 5)]
    checkins.append(checkin(MONDAY + timedelta(days=2), signpost=8))  # no scales at all
    title = CONTENT.signpost(lang, 1).title
    assert as_rows(checkins, lang) == [
        list(CSV_COLUMNS),
        ["2026-03-02", "1", title, "4", "3"],
        ["2026-03-03", "1", title, "", "5"],
        ["2026-03-04", "8", CONTENT.signpost(lang, 8).title, "", ""],
    ]


def test_csv_separator_matches_the_spreadsheet_region_of_the_language():
    assert (
        export_csv(make_user(language="nl"), [], CONTENT)
        == "\ufeffdate;signpost;title;energy;boundaries\r\n".encode()
    )
    assert export_csv(make_user(language="en"), [], CONTENT).decode("utf-8-sig") == (
        "date,signpost,title,energy,boundaries\r\n"
    )


# --- Files and archive ----------------------------------------------------------------------


def test_a_small_history_is_three_files_named_by_the_users_local_date():
    user = make_user()
    files = export_files(user, [rich()], CONTENT, TEXTS, EXPORTED_AT)
    assert [(f.name, f.mime_type) for f in files] == [
        ("sherpa-journal-2026-12-01.md", "text/markdown"),
        ("sherpa-export-2026-12-01.json", "application/json"),
        ("sherpa-scales-2026-12-01.csv", "text/csv"),
    ]
    assert files[1].data == export_json(user, [rich()], CONTENT, EXPORTED_AT)


def test_an_empty_history_still_gives_three_readable_files():
    files = export_files(make_user(), [], CONTENT, TEXTS, EXPORTED_AT)
    assert len(files) == 3
    assert json.loads(files[1].data)["checkins"] == []
    assert TEXTS.text("nl", "export.empty").encode() in files[0].data


def test_a_large_history_is_one_deflated_zip_holding_the_same_three_files():
    text = ("Een lange reflectie over vandaag, met ruimte voor twijfel. " * 70)[:4096]
    checkins = [simple(MONDAY + timedelta(days=i), f"{i}: {text}") for i in range(120)]
    user = make_user()
    separate = {
        "sherpa-journal-2026-12-01.md": export_markdown(
            user, checkins, CONTENT, TEXTS, EXPORTED_AT
        ),
        "sherpa-export-2026-12-01.json": export_json(user, checkins, CONTENT, EXPORTED_AT),
        "sherpa-scales-2026-12-01.csv": export_csv(user, checkins, CONTENT),
    }
    assert sum(map(len, separate.values())) > ARCHIVE_THRESHOLD
    [archive] = export_files(user, checkins, CONTENT, TEXTS, EXPORTED_AT)
    assert (archive.name, archive.mime_type) == ("sherpa-export-2026-12-01.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(archive.data)) as opened:
        assert opened.testzip() is None
        assert opened.namelist() == list(separate)
        assert {n: opened.read(n) for n in opened.namelist()} == separate
        assert {i.compress_type for i in opened.infolist()} == {zipfile.ZIP_DEFLATED}
        assert opened.infolist()[0].date_time == (2026, 12, 1, 0, 30, 14)  # Brussels, 2 s steps
    assert len(archive.data) < sum(map(len, separate.values())) / 3
    assert export_files(user, checkins, CONTENT, TEXTS, EXPORTED_AT)[0].data == archive.data


def test_only_a_file_over_50_mb_exceeds_the_telegram_upload_limit():
    fits = ExportFile("a.zip", b"\0" * TELEGRAM_UPLOAD_LIMIT, "application/zip")
    assert not exceeds_upload_limit([fits])
    assert exceeds_upload_limit([fits, ExportFile("b.zip", fits.data + b"\0", "application/zip")])


# --- Texts ----------------------------------------------------------------------------------


def placeholders(value: str) -> set[str]:
    """The {names} a text fills in."""
    return set(re.findall(r"\{(\w+)\}", value))


def test_both_languages_have_every_export_text_with_the_same_placeholders():
    nl, en = (
        tomllib.loads((LOCALES / f"export.{lang}.toml").read_text("utf-8")) for lang in ("nl", "en")
    )
    assert set(nl) == set(en)
    assert all(placeholders(nl[k]) == placeholders(en[k]) for k in nl)
    assert {k for k in TEXTS.entries["nl"] if k.startswith("export.")} == {
        f"export.{k}" for k in nl
    }


def test_every_export_text_the_code_asks_for_exists():
    package = Path(export.__file__).parent
    source = "".join(p.read_text("utf-8") for p in sorted(package.glob("*.py")))
    found = set(re.findall(r"\"export\.(\w+)\"", source))
    assert len(found) >= 9  # the package's modules really were read (the date is Babel's now)
    wanted = found | {"skipped", "unanswered"}
    assert wanted <= set(tomllib.loads((LOCALES / "export.nl.toml").read_text("utf-8")))
