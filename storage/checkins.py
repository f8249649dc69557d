"""Check-ins: the day's check-in, created with its steps, and what a signpost already gave.

The repository also carries the steps (storage/checkin_steps.py), the answers
(storage/answers.py) and the answer keys (storage/answer_keys.py): one `storage.checkins`
for callers, one module per concern.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from functools import partial

from storage.answer_keys import AnswerKeys
from storage.answers import ADD_ANSWER, AnswerStore
from storage.checkin_steps import RETURNED_STEP, StepQueries, step_from, step_row
from storage.codec import utc_text
from storage.database import Database, Row
from storage.models import (
    CareMark,
    Checkin,
    CheckinKind,
    NewStep,
    RotationHistory,
    Step,
    Trigger,
)
from storage.sqlite import SqliteDatabase
from storage.users import MOVE_PAST, moved_past


def _checkin(row: Row) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        local_date=date.fromisoformat(row["local_date"]),
        signpost=row["signpost"],
        prompt_id=row["prompt_id"],
        prompt_text=row["prompt_text"],
        trigger=row["trigger"],
        delivered=row["delivered_at"] is not None,
        completed=row["completed_at"] is not None,
        care_mark=row["care_mark"],
        kind=row["kind"],
    )


def _taking_up(take_up: int | None, user_id: int) -> tuple[int, int, int, int]:
    """The `taken` clause's values: the next signpost, 1 when one is taken up, the user and
    the one taken up."""
    following, user, past = moved_past(user_id, take_up or 0)
    return following, int(take_up is not None), user, past


class CheckinRepository(StepQueries, AnswerStore, AnswerKeys):
    """Reads and writes check-ins, steps and answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        *,
        user_id: int,
        local_date: date,
        signpost: int,
        prompt_id: str | None,
        prompt_text: str | None,
        trigger: Trigger,
        steps: list[NewStep],
        now: datetime,
        kind: CheckinKind = "daily",
    ) -> Checkin | None:
        """Create the day's check-in (or weekly talk) with its steps; None if that day already
        has one of that kind."""
        stamp = utc_text(now)
        async with self._db.transaction():
            checkin_id = await self._db.insert(
                "INSERT INTO checkins (user_id, local_date, signpost, prompt_id, prompt_text,"
                " trigger, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING id",
                (
                    user_id,
                    local_date.isoformat(),
                    signpost,
                    prompt_id,
                    prompt_text,
                    trigger,
                    stamp,
                    kind,
                ),
            )
            if checkin_id is None:
                return None
            # A question still open from an earlier day closes: the new one is what is shown.
            await self._db.write(
                "UPDATE checkin_steps SET state = 'skipped', closed_at = ? WHERE state = 'open'"
                " AND checkin_id IN (SELECT id FROM checkins WHERE user_id = ? AND id != ?)",
                (stamp, user_id, checkin_id),
            )
            # A check-in left waiting after heavy words stops waiting: the new one goes on.
            await self._db.write(
                "UPDATE checkins SET care_mark = 'self'"
                " WHERE user_id = ? AND care_mark = 'paused' AND id != ?",
                (user_id, checkin_id),
            )
            await self._db.write_many(
                "INSERT INTO checkin_steps (checkin_id, position, kind, question_id,"
                " question_text) VALUES (?, ?, ?, ?, ?)",
                [
                    (checkin_id, position, s.kind, s.question_id, s.question_text)
                    for position, s in enumerate(steps, start=1)
                ],
            )
        return await self.get(checkin_id)

    async def add_answer_and_open_next(
        self, *, step: Step, message_id: int, text: str, now: datetime, take_up: int | None = None
    ) -> tuple[bool, Step | None]:
        """Store an answer to the open question and open the check-in's next step, at once;
        with `take_up`, the user's next signpost moves past that one (unless it did already).

        Returns whether it was stored (False: the same message again) and the step opened
        (unsent until it is sent; None when none is left). PostgreSQL: one statement; SQLite:
        one transaction, in one trip to aiosqlite's thread.
        """
        if self._db.url.engine == "postgresql":  # one statement there: a writing WITH
            stamp = utc_text(now)
            sealed, kid = self._db.cipher.seal(text, step.user_id)
            rows = await self._db.write_returning(
                f"WITH added AS ({ADD_ANSWER} RETURNING step_id),"
                " answered AS (UPDATE checkin_steps SET state = 'answered',"
                " closed_at = COALESCE(closed_at, ?) WHERE id IN (SELECT step_id FROM added)"
                " AND state IN ('open', 'skipped')),"
                " opened AS (UPDATE checkin_steps SET state = 'open', unsent = 1, asked_at = ?"
                " WHERE EXISTS (SELECT 1 FROM added) AND id = (SELECT id FROM checkin_steps"
                " WHERE checkin_id = ? AND state = 'pending' ORDER BY position LIMIT 1)"
                f" RETURNING {RETURNED_STEP}),"
                # Run to completion though nothing reads it (a writing WITH always is).
                " taken AS (UPDATE users SET next_signpost = ? WHERE ? = 1"
                " AND user_id = ? AND next_signpost = ? AND EXISTS (SELECT 1 FROM added))"
                " SELECT (SELECT COUNT(*) FROM added) AS added, opened.*"
                " FROM (SELECT 1 AS one) AS one LEFT JOIN opened ON TRUE",
                (
                    step.id,
                    step.user_id,
                    message_id,
                    sealed,
                    kid,
                    stamp,
                    stamp,
                    stamp,
                    step.checkin_id,
                    *_taking_up(take_up, step.user_id),
                ),
            )
            row = dict(zip(rows[0].keys(), rows[0], strict=True))
            added = bool(row.pop("added"))
            return added, step_from(row) if row["id"] is not None else None
        assert isinstance(self._db, SqliteDatabase)
        sealed, kid = self._db.cipher.seal(text, step.user_id)
        answer = (step.id, step.user_id, message_id, sealed, kid, utc_text(now))
        # One trip to SQLite's thread, BEGIN to COMMIT (three statements: a third of the
        # hand-overs between threads, the CPU of an answer's write).
        added, rows = await self._db.atomically(
            partial(_add_answer_and_open_next, answer, step.checkin_id, take_up)
        )
        opened = [row for row in rows if row["id"] != step.id]
        return added, step_row(opened[0]) if opened else None

    async def get(self, checkin_id: int) -> Checkin | None:
        """A check-in by id."""
        return await self._one_checkin("SELECT * FROM checkins WHERE id = ?", (checkin_id,))

    async def for_date(
        self, user_id: int, local_date: date, kind: CheckinKind = "daily"
    ) -> Checkin | None:
        """The user's check-in (or weekly talk) of that local day, if any."""
        return await self._one_checkin(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date = ? AND kind = ?",
            (user_id, local_date.isoformat(), kind),
        )

    async def mark_delivered(self, checkin_id: int, now: datetime) -> None:
        """Record that the check-in's first message reached Telegram."""
        await self._db.write(
            "UPDATE checkins SET delivered_at = COALESCE(delivered_at, ?) WHERE id = ?",
            (utc_text(now), checkin_id),
        )

    async def complete(self, checkin_id: int, now: datetime) -> None:
        """Mark the check-in finished."""
        await self._db.write(
            "UPDATE checkins SET completed_at = COALESCE(completed_at, ?) WHERE id = ?",
            (utc_text(now), checkin_id),
        )

    async def set_care_mark(self, checkin_id: int, mark: CareMark) -> None:
        """Mark a check-in with heavy words. 'paused' and 'self' outrank 'client'; a pause
        ends as 'self' (a later 'client' never lowers it)."""
        await self._db.write(
            "UPDATE checkins SET care_mark = CASE"
            " WHEN ? = 'client' AND care_mark IN ('self', 'paused') THEN care_mark"
            " ELSE ? END WHERE id = ?",
            (mark, mark, checkin_id),
        )

    async def close_rest(self, checkin_id: int, now: datetime) -> None:
        """End a check-in here: its open and pending steps skipped, the check-in complete."""
        stamp = utc_text(now)
        async with self._db.transaction():
            await self._db.write(
                "UPDATE checkin_steps SET state = 'skipped', closed_at = ?"
                " WHERE checkin_id = ? AND state IN ('open', 'pending')",
                (stamp, checkin_id),
            )
            await self._db.write(
                "UPDATE checkins SET completed_at = COALESCE(completed_at, ?) WHERE id = ?",
                (stamp, checkin_id),
            )

    async def paused(self, user_id: int) -> Checkin | None:
        """The check-in waiting on the user's choice after heavy words, if any."""
        return await self._one_checkin(
            "SELECT * FROM checkins WHERE user_id = ? AND care_mark = 'paused'"
            " ORDER BY id DESC LIMIT 1",
            (user_id,),
        )

    async def rotation_history(self, user_id: int, signpost: int) -> RotationHistory:
        """Prompt and question ids the user got for a signpost, oldest first."""
        checkins = await self._db.fetch_all(
            "SELECT id, prompt_id FROM checkins WHERE user_id = ? AND signpost = ?"
            " AND kind = 'daily' ORDER BY id",
            (user_id, signpost),
        )
        rows = await self._db.fetch_all(
            "SELECT s.checkin_id, s.question_id FROM checkin_steps s"
            " JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND c.signpost = ? AND s.kind = 'question' AND c.kind = 'daily'"
            " ORDER BY s.checkin_id, s.position",
            (user_id, signpost),
        )
        asked: dict[int, list[str | None]] = {}
        for checkin_id, question_id in rows:
            asked.setdefault(checkin_id, []).append(question_id)
        return RotationHistory(
            prompts=[row["prompt_id"] for row in checkins],
            questions=[asked.get(row["id"], []) for row in checkins],
        )

    async def _one_checkin(self, sql: str, params: tuple[object, ...]) -> Checkin | None:
        row = await self._db.fetch_one(sql, params)
        return None if row is None else _checkin(row)


def _add_answer_and_open_next(
    answer: tuple[int, int, int, str, str | None, str],
    checkin_id: int,
    take_up: int | None,
    connection: sqlite3.Connection,
) -> tuple[bool, list[Row]]:
    """SQLite's `add_answer_and_open_next`, run in aiosqlite's thread inside one transaction."""
    step_id, user_id, stamp = answer[0], answer[1], answer[5]
    inserted = connection.execute(ADD_ANSWER, answer)
    if inserted.rowcount == 0:
        return False, []
    # The question answered and the next step opened, in one statement.
    rows = connection.execute(
        "UPDATE checkin_steps SET"
        " state = CASE WHEN id = ? THEN 'answered' ELSE 'open' END,"
        " closed_at = CASE WHEN id = ? THEN COALESCE(closed_at, ?) ELSE closed_at END,"
        " unsent = CASE WHEN id = ? THEN unsent ELSE 1 END,"
        " asked_at = CASE WHEN id = ? THEN asked_at ELSE ? END"
        " WHERE (id = ? AND state IN ('open', 'skipped')) OR id = (SELECT id"
        " FROM checkin_steps WHERE checkin_id = ? AND state = 'pending'"
        f" ORDER BY position LIMIT 1) RETURNING {RETURNED_STEP}",
        (step_id, step_id, stamp, step_id, step_id, stamp, step_id, checkin_id),
    ).fetchall()
    if take_up is not None:
        connection.execute(MOVE_PAST, moved_past(user_id, take_up))
    return True, rows
