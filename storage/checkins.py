"""Check-ins, their steps and the answers given to them."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from storage.codec import utc_text
from storage.crypto import CipherError
from storage.sqlite import Database
from storage.models import (
    Answer,
    Checkin,
    NewStep,
    RotationHistory,
    Step,
    Trigger,
)

_STEP_COLUMNS = (
    "s.id, s.checkin_id, c.user_id, c.signpost, s.position, s.kind, s.question_index,"
    " s.question_text, s.state, s.message_id, s.score, s.unsent"
)


def _checkin(row: aiosqlite.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        local_date=date.fromisoformat(row["local_date"]),
        signpost=row["signpost"],
        prompt_index=row["prompt_index"],
        trigger=row["trigger"],
        delivered=row["delivered_at"] is not None,
        completed=row["completed_at"] is not None,
    )


def _step(row: aiosqlite.Row) -> Step:
    return Step(**{**dict(row), "unsent": bool(row["unsent"])})


class CheckinRepository:
    """Reads and writes check-ins, steps and answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        *,
        user_id: int,
        local_date: date,
        signpost: int,
        prompt_index: int,
        trigger: Trigger,
        steps: list[NewStep],
        now: datetime,
    ) -> Checkin | None:
        """Create the day's check-in with its steps; None if that day already has one."""
        stamp = utc_text(now)
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO checkins (user_id, local_date, signpost, prompt_index,"
                " trigger, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (user_id, local_date.isoformat(), signpost, prompt_index, trigger, stamp),
            )
            if cursor.rowcount == 0:
                return None
            checkin_id = cursor.lastrowid
            # A question still open from an earlier day closes: the new one is what is shown.
            await conn.execute(
                "UPDATE checkin_steps SET state = 'skipped', closed_at = ? WHERE state = 'open'"
                " AND checkin_id IN (SELECT id FROM checkins WHERE user_id = ? AND id != ?)",
                (stamp, user_id, checkin_id),
            )
            await conn.executemany(
                "INSERT INTO checkin_steps (checkin_id, position, kind, question_index,"
                " question_text) VALUES (?, ?, ?, ?, ?)",
                [
                    (checkin_id, position, s.kind, s.question_index, s.question_text)
                    for position, s in enumerate(steps, start=1)
                ],
            )
        return await self.get(checkin_id)  # type: ignore[arg-type]

    async def get(self, checkin_id: int) -> Checkin | None:
        """A check-in by id."""
        return await self._one_checkin("SELECT * FROM checkins WHERE id = ?", (checkin_id,))

    async def for_date(self, user_id: int, local_date: date) -> Checkin | None:
        """The user's check-in of that local day, if any."""
        return await self._one_checkin(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date = ?",
            (user_id, local_date.isoformat()),
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

    async def rotation_history(self, user_id: int, signpost: int) -> RotationHistory:
        """Prompt and question indexes the user got for a signpost, oldest first."""
        conn = self._db.connection
        async with conn.execute(
            "SELECT id, prompt_index FROM checkins WHERE user_id = ? AND signpost = ? ORDER BY id",
            (user_id, signpost),
        ) as cursor:
            checkins = list(await cursor.fetchall())
        async with conn.execute(
            "SELECT s.checkin_id, s.question_index FROM checkin_steps s"
            " JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND c.signpost = ? AND s.kind = 'question'"
            " ORDER BY s.checkin_id, s.position",
            (user_id, signpost),
        ) as cursor:
            asked: dict[int, list[int]] = {}
            for checkin_id, index in await cursor.fetchall():
                asked.setdefault(checkin_id, []).append(index)
        return RotationHistory(
            prompts=[row["prompt_index"] for row in checkins],
            questions=[asked.get(row["id"], []) for row in checkins],
        )

    # --- steps -------------------------------------------------------------------------

    async def steps(self, checkin_id: int) -> list[Step]:
        """All steps of a check-in in order."""
        return await self._steps("s.checkin_id = ? ORDER BY s.position", (checkin_id,))

    async def step(self, step_id: int) -> Step | None:
        """A step by id."""
        found = await self._steps("s.id = ?", (step_id,))
        return found[0] if found else None

    async def open_step(self, user_id: int) -> Step | None:
        """The user's open step (the question on screen), if any."""
        found = await self._steps(
            "c.user_id = ? AND s.state = 'open' ORDER BY s.checkin_id DESC, s.position LIMIT 1",
            (user_id,),
        )
        return found[0] if found else None

    async def step_by_message(self, user_id: int, message_id: int) -> Step | None:
        """The step the bot asked with this message, for replies to an older question."""
        found = await self._steps(
            "c.user_id = ? AND s.message_id = ? LIMIT 1", (user_id, message_id)
        )
        return found[0] if found else None

    async def open_next_step(self, checkin_id: int, now: datetime) -> Step | None:
        """Open the first pending step (unsent until it is sent); None when none is left."""
        found = await self._steps(
            "s.checkin_id = ? AND s.state = 'pending' ORDER BY s.position LIMIT 1", (checkin_id,)
        )
        if not found:
            return None
        await self._db.write(
            "UPDATE checkin_steps SET state = 'open', unsent = 1, asked_at = ? WHERE id = ?",
            (utc_text(now), found[0].id),
        )
        return await self.step(found[0].id)

    async def set_step_message(self, step_id: int, message_id: int | None) -> None:
        """The step was sent as this bot message (None: a timed-out send that may have arrived).

        Replies and buttons point to the message; a sent step is never opened twice.
        """
        await self._db.write(
            "UPDATE checkin_steps SET message_id = COALESCE(?, message_id), unsent = 0"
            " WHERE id = ?",
            (message_id, step_id),
        )

    async def close_step(
        self, step_id: int, *, state: str, now: datetime, score: int | None = None
    ) -> bool:
        """Close an open step as answered or skipped; False if it was not open."""
        cursor = await self._db.write(
            "UPDATE checkin_steps SET state = ?, score = ?, closed_at = ?"
            " WHERE id = ? AND state = 'open'",
            (state, score, utc_text(now), step_id),
        )
        return cursor.rowcount == 1

    # --- answers -----------------------------------------------------------------------

    async def add_answer(self, *, step: Step, message_id: int, text: str, now: datetime) -> bool:
        """Store a free-text answer; False if this message was stored before (redelivery)."""
        stamp = utc_text(now)
        sealed, kid = self._db.cipher.seal(text, step.user_id)
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO answers"
                " (step_id, user_id, message_id, text, key_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (step.id, step.user_id, message_id, sealed, kid, stamp),
            )
            if cursor.rowcount == 0:
                return False
            # An answer to a skipped question un-skips it.
            await conn.execute(
                "UPDATE checkin_steps SET state = 'answered', closed_at = COALESCE(closed_at, ?)"
                " WHERE id = ? AND state IN ('open', 'skipped')",
                (stamp, step.id),
            )
        return True

    async def edit_answer(self, user_id: int, message_id: int, text: str, now: datetime) -> bool:
        """Replace the text of an answer after the user edited their message."""
        sealed, kid = self._db.cipher.seal(text, user_id)
        cursor = await self._db.write(
            "UPDATE answers SET text = ?, key_id = ?, edited_at = ?"
            " WHERE user_id = ? AND message_id = ?",
            (sealed, kid, utc_text(now), user_id, message_id),
        )
        if cursor.rowcount != 1:
            return False
        await self._db.scrub_log()  # the text before the edit must not linger in the log
        return True

    async def step_of_answer(self, user_id: int, message_id: int) -> Step | None:
        """The step a stored answer (the user's message) belongs to."""
        found = await self._steps(
            "s.id = (SELECT step_id FROM answers WHERE user_id = ? AND message_id = ?)",
            (user_id, message_id),
        )
        return found[0] if found else None

    async def delete_last_answer(self, user_id: int) -> str | None:
        """Remove the user's most recent answer; returns its text, None when there is none."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT id, step_id, text, key_id FROM answers WHERE user_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (user_id,),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            answer_id, step_id, stored, kid = row
            await conn.execute("DELETE FROM answers WHERE id = ?", (answer_id,))
            # A question left without answers counts as skipped, not as answered.
            await conn.execute(
                "UPDATE checkin_steps SET state = 'skipped' WHERE id = ? AND state = 'answered'"
                " AND NOT EXISTS (SELECT 1 FROM answers WHERE step_id = ?)",
                (step_id, step_id),
            )
        await self._db.scrub_log()
        return self._db.cipher.open(stored, kid, user_id)

    async def answers(self, step_id: int) -> list[Answer]:
        """The answers given to one step, oldest first."""
        async with self._db.connection.execute(
            "SELECT id, step_id, message_id, text, key_id, user_id, edited_at IS NOT NULL"
            " FROM answers WHERE step_id = ? ORDER BY id",
            (step_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        cipher = self._db.cipher
        return [Answer(r[0], r[1], r[2], cipher.open(r[3], r[4], r[5]), bool(r[6])) for r in rows]

    async def check_keys(self) -> None:
        """Raise CipherError unless every key that sealed a stored answer is configured."""
        async with self._db.connection.execute(
            "SELECT DISTINCT key_id FROM answers WHERE key_id IS NOT NULL"
        ) as cursor:
            kids = [row[0] for row in await cursor.fetchall()]
        if missing := [kid for kid in kids if not self._db.cipher.known(kid)]:
            raise CipherError(f"answers are sealed with key {', '.join(missing)}, not configured")
        async with self._db.connection.execute(
            "SELECT text, key_id, user_id FROM answers WHERE key_id IS NOT NULL"
            " ORDER BY id DESC LIMIT 1"
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None:
            self._db.cipher.open(*row)  # a key with the right id but wrong bytes fails here

    async def reseal(self, batch: int = 500) -> int:
        """Re-encrypt up to `batch` answers not yet under the current key; returns how many."""
        cipher = self._db.cipher
        # Without a current key this turns sealed answers back into plain text.
        stale = "key_id IS NOT NULL" if cipher.current_id is None else "key_id IS NOT ?"
        params = (batch,) if cipher.current_id is None else (cipher.current_id, batch)
        # Read and write in one write transaction: an edit the bot makes meanwhile waits for
        # it, so it is never overwritten by the text read before it. The WHERE on the old
        # text says the same in SQL: only a row still holding what was read is re-sealed.
        async with self._db.transaction() as conn:
            async with conn.execute(
                f"SELECT id, text, key_id, user_id FROM answers WHERE {stale} LIMIT ?", params
            ) as cursor:
                rows = await cursor.fetchall()
            updates = []
            for answer_id, stored, kid, owner in rows:
                text, new_kid = cipher.seal(cipher.open(stored, kid, owner), owner)
                updates.append((text, new_kid, answer_id, stored, kid))
            cursor = await conn.executemany(
                "UPDATE answers SET text = ?, key_id = ? WHERE id = ? AND text = ? AND key_id IS ?",
                updates,
            )
        return cursor.rowcount

    async def count_answers(self, user_id: int) -> int:
        """How many free-text answers the user has stored."""
        async with self._db.connection.execute(
            "SELECT COUNT(*) FROM answers WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # --- helpers -----------------------------------------------------------------------

    async def _one_checkin(self, sql: str, params: tuple) -> Checkin | None:
        async with self._db.connection.execute(sql, params) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _checkin(row)

    async def _steps(self, where: str, params: tuple) -> list[Step]:
        async with self._db.connection.execute(
            f"SELECT {_STEP_COLUMNS} FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            f" WHERE {where}",
            params,
        ) as cursor:
            return [_step(row) for row in await cursor.fetchall()]
