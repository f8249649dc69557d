"""Reading a user's history: the weekly summary's read model, counts, and the full export."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.codec import utc_required, utc_value
from storage.crypto import AnswerCipher
from storage.database import Database
from storage.models import (
    AnsweredQuestion,
    ExportedAnswer,
    ExportedCheckin,
    ExportedStep,
    ReflectionDay,
)


class SealedHistory:
    """A user's reflection history as read from the database, answers still sealed.

    `days()` is plain CPU work (opening each answer, grouping by day): the Mini App runs it
    off the event loop, so a long history never holds up anyone else.
    """

    def __init__(self, rows: list[tuple[Any, ...]], cipher: AnswerCipher) -> None:
        self._rows = rows
        self._cipher = cipher

    def days(self) -> list[ReflectionDay]:
        """The days the user reflected (an answer or a scale), oldest first."""
        days: dict[int, dict[str, Any]] = {}
        cipher = self._cipher
        for (
            checkin_id,
            local_date,
            signpost,
            kind,
            question,
            score,
            stored,
            kid,
            owner,
            care_mark,
            answer_id,
        ) in self._rows:
            text = None if stored is None else cipher.open(stored, kid, owner)
            day = days.setdefault(
                checkin_id,
                {"date": local_date, "signpost": signpost, "questions": {}, "scores": {}},
            )
            day["care_mark"] = care_mark
            if kind == "question" and text is not None:
                day["questions"].setdefault(question or "", []).append((text, answer_id))
            elif score is not None:
                day["scores"][kind] = score
        return [
            ReflectionDay(
                local_date=date.fromisoformat(str(d["date"])),
                signpost=d["signpost"],
                questions=tuple(
                    AnsweredQuestion(q, tuple(t for t, _ in given), tuple(i for _, i in given))
                    for q, given in d["questions"].items()
                ),
                energy=d["scores"].get("energy"),
                boundaries=d["scores"].get("boundaries"),
                care_mark=d["care_mark"],
            )
            for d in days.values()
        ]


class HistoryRepository:
    """Read-only views over check-ins, steps and answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def history(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> list[ReflectionDay]:
        """The days the user reflected (an answer or a scale), oldest first, within the range."""
        return (await self.sealed_history(user_id, since, until)).days()

    async def sealed_history(
        self, user_id: int, since: date | None = None, until: date | None = None
    ) -> SealedHistory:
        """The same history as read, still sealed: `days()` opens it, also in another thread."""
        rows = await self._db.fetch_all(
            "SELECT c.id, c.local_date, c.signpost, s.kind, s.question_text, s.score,"
            " a.text, a.key_id, c.user_id, c.care_mark, a.id"
            " FROM checkins c JOIN checkin_steps s ON s.checkin_id = c.id"
            " LEFT JOIN answers a ON a.step_id = s.id"
            " WHERE c.user_id = ? AND c.local_date BETWEEN ? AND ? AND c.kind = 'daily'"
            "   AND (a.id IS NOT NULL OR s.score IS NOT NULL)"
            " ORDER BY c.local_date, s.position, a.id",
            (user_id, (since or date.min).isoformat(), (until or date.max).isoformat()),
        )
        return SealedHistory([tuple(row) for row in rows], self._db.cipher)

    async def version(self, user_id: int) -> tuple[str, ...]:
        """A value that changes whenever the user's answers or scores change (added, edited,
        masked, undone, erased by retention): a cache of their views is keyed by it."""
        row = await self._db.fetch_one(
            "SELECT (SELECT COUNT(*) FROM answers WHERE user_id = ?),"
            " (SELECT COALESCE(SUM(id), 0) FROM answers WHERE user_id = ?),"
            " (SELECT MAX(COALESCE(edited_at, created_at)) FROM answers WHERE user_id = ?),"
            " (SELECT COUNT(*) FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            "   WHERE c.user_id = ?),"
            " (SELECT COALESCE(SUM(s.id * COALESCE(s.score, 0)), 0) FROM checkin_steps s"
            "   JOIN checkins c ON c.id = s.checkin_id WHERE c.user_id = ?),"
            " (SELECT MAX(s.closed_at) FROM checkin_steps s"
            "   JOIN checkins c ON c.id = s.checkin_id WHERE c.user_id = ?)",
            (user_id,) * 6,
        )
        return tuple(str(value) for value in row) if row is not None else ()

    async def export(self, user_id: int) -> list[ExportedCheckin]:
        """Every check-in of the user with all its steps and answers, oldest first."""
        checkins = await self._db.fetch_all(
            "SELECT * FROM checkins WHERE user_id = ? ORDER BY local_date", (user_id,)
        )
        steps = await self._db.fetch_all(
            "SELECT s.* FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? ORDER BY s.checkin_id, s.position",
            (user_id,),
        )
        rows = await self._db.fetch_all(
            "SELECT step_id, text, key_id, created_at, edited_at, id FROM answers"
            " WHERE user_id = ? ORDER BY id",
            (user_id,),
        )
        starred = {
            row[0]
            for row in await self._db.fetch_all(
                "SELECT answer_id FROM stars WHERE user_id = ?", (user_id,)
            )
        }
        answers: dict[int, list[ExportedAnswer]] = {}
        for step_id, stored, kid, created, edited, answer_id in rows:
            text = self._db.cipher.open(stored, kid, user_id)
            answers.setdefault(step_id, []).append(
                ExportedAnswer(
                    text,
                    utc_required(created),
                    utc_value(edited),
                    answer_id,
                    starred=answer_id in starred,
                )
            )
        by_checkin: dict[int, list[ExportedStep]] = {}
        for s in steps:
            by_checkin.setdefault(s["checkin_id"], []).append(
                ExportedStep(
                    position=s["position"],
                    kind=s["kind"],
                    question_text=s["question_text"],
                    state=s["state"],
                    score=s["score"],
                    asked_at=utc_value(s["asked_at"]),
                    closed_at=utc_value(s["closed_at"]),
                    answers=tuple(answers.get(s["id"], [])),
                    question_id=s["question_id"],
                )
            )
        return [
            ExportedCheckin(
                local_date=date.fromisoformat(c["local_date"]),
                signpost=c["signpost"],
                prompt_id=c["prompt_id"],
                prompt_text=c["prompt_text"],
                trigger=c["trigger"],
                created_at=utc_required(c["created_at"]),
                delivered_at=utc_value(c["delivered_at"]),
                completed_at=utc_value(c["completed_at"]),
                steps=tuple(by_checkin.get(c["id"], [])),
                care_mark=c["care_mark"],
                kind=c["kind"],
            )
            for c in checkins
        ]

    async def reflection_days(self, user_id: int, since: date, until: date) -> int:
        """On how many local days in the range the user reflected."""
        row = await self._db.fetch_one(
            "SELECT COUNT(DISTINCT c.id) FROM checkins c"
            " JOIN checkin_steps s ON s.checkin_id = c.id"
            " WHERE c.user_id = ? AND c.local_date BETWEEN ? AND ? AND s.state = 'answered'"
            "   AND c.kind = 'daily'",
            (user_id, since.isoformat(), until.isoformat()),
        )
        return int(row[0]) if row else 0
