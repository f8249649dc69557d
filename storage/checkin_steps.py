"""The steps of a check-in: which question is open, sent, answered or skipped."""

from __future__ import annotations

from datetime import datetime

from storage.codec import utc_text
from storage.database import Database, Row
from storage.models import Step

STEP_COLUMNS = (
    "s.id, s.checkin_id, c.user_id, c.signpost, s.position, s.kind, s.question_id,"
    " s.question_text, s.state, s.message_id, s.score, s.unsent, c.care_mark"
)

# The same columns from an UPDATE's RETURNING, which sees only the step's own row.
RETURNED_STEP = (
    "id, checkin_id,"
    " (SELECT c.user_id FROM checkins c WHERE c.id = checkin_steps.checkin_id) AS user_id,"
    " (SELECT c.signpost FROM checkins c WHERE c.id = checkin_steps.checkin_id) AS signpost,"
    " position, kind, question_id, question_text, state, message_id, score, unsent,"
    " (SELECT c.care_mark FROM checkins c WHERE c.id = checkin_steps.checkin_id) AS care_mark"
)


def step_row(row: Row) -> Step:
    """A step from a row of the step columns (also the steps a writing statement returns)."""
    return step_from(dict(zip(row.keys(), row, strict=True)))


def step_from(values: dict[str, object]) -> Step:
    """A step from its columns by name (STEP_COLUMNS' names)."""
    return Step(**{**values, "unsent": bool(values["unsent"])})  # type: ignore[arg-type]


class StepQueries:
    """Reads and moves the steps of check-ins (part of storage.checkins)."""

    def __init__(self, db: Database) -> None:
        self._db = db

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

    async def step_of_answer(self, user_id: int, message_id: int) -> Step | None:
        """The step a stored answer (the user's message: words, or a typed score) belongs to."""
        found = await self._steps(
            "s.id = (SELECT step_id FROM answers WHERE user_id = ? AND message_id = ?)"
            " OR (c.user_id = ? AND s.scored_by_message = ?) LIMIT 1",
            (user_id, message_id, user_id, message_id),
        )
        return found[0] if found else None

    async def open_next_step(self, checkin_id: int, now: datetime) -> Step | None:
        """Open the first pending step (unsent until it is sent); None when none is left."""
        rows = await self._db.write_returning(
            "UPDATE checkin_steps SET state = 'open', unsent = 1, asked_at = ?"
            " WHERE id = (SELECT id FROM checkin_steps WHERE checkin_id = ? AND state = 'pending'"
            " ORDER BY position LIMIT 1)"
            f" RETURNING {RETURNED_STEP}",
            (utc_text(now), checkin_id),
        )
        return step_row(rows[0]) if rows else None

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
        self,
        step_id: int,
        *,
        state: str,
        now: datetime,
        score: int | None = None,
        message_id: int | None = None,
    ) -> bool:
        """Close an open step as answered or skipped; False if it was not open.

        `message_id` is the user's message that typed the score, if it was typed.
        """
        closed = await self._db.write(
            "UPDATE checkin_steps SET state = ?, score = ?, closed_at = ?, scored_by_message = ?"
            " WHERE id = ? AND state = 'open'",
            (state, score, utc_text(now), message_id, step_id),
        )
        return closed == 1

    async def _steps(self, where: str, params: tuple[object, ...]) -> list[Step]:
        rows = await self._db.fetch_all(
            f"SELECT {STEP_COLUMNS} FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            f" WHERE {where}",
            params,
        )
        return [step_row(row) for row in rows]
