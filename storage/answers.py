"""Free-text answers to check-in steps: stored sealed, edited, undone, counted."""

from __future__ import annotations

from datetime import datetime

from storage.codec import utc_text
from storage.database import Database
from storage.models import Answer, Step

# An answer stored once: a redelivered message (the same user and message id) adds nothing.
ADD_ANSWER = (
    "INSERT INTO answers (step_id, user_id, message_id, text, key_id, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


class AnswerStore:
    """Writes and reads the answers of steps (part of storage.checkins)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add_answer(self, *, step: Step, message_id: int, text: str, now: datetime) -> bool:
        """Store a free-text answer; False if this message was stored before (redelivery)."""
        stamp = utc_text(now)
        sealed, kid = self._db.cipher.seal(text, step.user_id)
        if self._db.url.engine == "postgresql":  # one statement there: a writing WITH
            rows = await self._db.write_returning(
                f"WITH added AS ({ADD_ANSWER} RETURNING step_id),"
                " answered AS (UPDATE checkin_steps SET state = 'answered',"
                " closed_at = COALESCE(closed_at, ?) WHERE id IN (SELECT step_id FROM added)"
                " AND state IN ('open', 'skipped'))"
                " SELECT COUNT(*) FROM added",
                (step.id, step.user_id, message_id, sealed, kid, stamp, stamp),
            )
            return bool(rows and rows[0][0])
        async with self._db.transaction():
            added = await self._db.write(
                ADD_ANSWER,
                (step.id, step.user_id, message_id, sealed, kid, stamp),
            )
            if added == 0:
                return False
            # An answer to a skipped question un-skips it.
            await self._db.write(
                "UPDATE checkin_steps SET state = 'answered', closed_at = COALESCE(closed_at, ?)"
                " WHERE id = ? AND state IN ('open', 'skipped')",
                (stamp, step.id),
            )
        return True

    async def edit_answer(self, user_id: int, message_id: int, text: str, now: datetime) -> bool:
        """Replace the text of an answer after the user edited their message."""
        sealed, kid = self._db.cipher.seal(text, user_id)
        edited = await self._db.write(
            "UPDATE answers SET text = ?, key_id = ?, edited_at = ?"
            " WHERE user_id = ? AND message_id = ?",
            (sealed, kid, utc_text(now), user_id, message_id),
        )
        if edited != 1:
            return False
        await self._db.scrub_log()  # the text before the edit must not linger in the log
        return True

    async def delete_last_answer(self, user_id: int) -> str | None:
        """Remove the user's most recent answer; returns its text, None when there is none."""
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "SELECT id, step_id, text, key_id FROM answers WHERE user_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (user_id,),
            )
            if row is None:
                return None
            answer_id, step_id, stored, kid = row
            await self._db.write("DELETE FROM answers WHERE id = ?", (answer_id,))
            # A question left without answers counts as skipped, not as answered.
            await self._db.write(
                "UPDATE checkin_steps SET state = 'skipped' WHERE id = ? AND state = 'answered'"
                " AND NOT EXISTS (SELECT 1 FROM answers WHERE step_id = ?)",
                (step_id, step_id),
            )
        await self._db.scrub_log()
        return self._db.cipher.open(stored, kid, user_id)

    async def answers(self, step_id: int) -> list[Answer]:
        """The answers given to one step, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT id, step_id, message_id, text, key_id, user_id, edited_at IS NOT NULL"
            " FROM answers WHERE step_id = ? ORDER BY id",
            (step_id,),
        )
        cipher = self._db.cipher
        return [Answer(r[0], r[1], r[2], cipher.open(r[3], r[4], r[5]), bool(r[6])) for r in rows]

    async def count_answers(self, user_id: int) -> int:
        """How many free-text answers the user has stored."""
        row = await self._db.fetch_one("SELECT COUNT(*) FROM answers WHERE user_id = ?", (user_id,))
        return int(row[0]) if row else 0
