"""Answers the privacy guard held back until the user chooses how to store them."""

from __future__ import annotations

from datetime import datetime

from storage.codec import utc_text
from storage.database import Database
from storage.models import PendingAnswer


class PendingRepository:
    """At most one held-back answer per user, sealed like an answer."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def hold(self, pending: PendingAnswer, now: datetime) -> None:
        """Hold an answer back (replacing an older one the user never decided on)."""
        cipher = self._db.cipher
        text, kid = cipher.seal(pending.text, pending.user_id)
        masked, _ = cipher.seal(pending.masked, pending.user_id)
        replaces = await self._db.fetch_one(
            "SELECT 1 FROM pending_answers WHERE user_id = ?", (pending.user_id,)
        )
        await self._db.write(
            "INSERT INTO pending_answers (user_id, step_id, message_id, is_edit, text, masked,"
            " key_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET step_id = excluded.step_id,"
            " message_id = excluded.message_id, is_edit = excluded.is_edit,"
            " text = excluded.text, masked = excluded.masked, key_id = excluded.key_id,"
            " created_at = excluded.created_at",
            (
                pending.user_id,
                pending.step_id,
                pending.message_id,
                int(pending.is_edit),
                text,
                masked,
                kid,
                utc_text(now),
            ),
        )
        if replaces is not None:  # the older text the user never decided on goes from the log too
            await self._db.scrub_log()

    async def take(self, user_id: int, message_id: int) -> PendingAnswer | None:
        """Remove and return the held answer of that message, if it is still held."""
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "SELECT step_id, is_edit, text, masked, key_id FROM pending_answers"
                " WHERE user_id = ? AND message_id = ?",
                (user_id, message_id),
            )
            if row is None:
                return None
            await self._db.write("DELETE FROM pending_answers WHERE user_id = ?", (user_id,))
        # Whatever the user chose (masked, as written, rewrite), the held copy leaves the log.
        await self._db.scrub_log()
        step_id, is_edit, text, masked, kid = row
        cipher = self._db.cipher
        return PendingAnswer(
            user_id=user_id,
            step_id=step_id,
            message_id=message_id,
            is_edit=bool(is_edit),
            text=cipher.open(text, kid, user_id),
            masked=cipher.open(masked, kid, user_id),
        )

    async def reseal(self) -> int:
        """Re-seal every held answer under the current key (they are few and short-lived)."""
        cipher = self._db.cipher
        # Read and write in one write transaction, and only over the row that was read: an
        # answer held meanwhile (replacing this one) is never overwritten by the older one.
        async with self._db.transaction():
            rows = await self._db.fetch_all(
                "SELECT user_id, message_id, text, masked, key_id FROM pending_answers"
            )
            updates = []
            for user_id, message_id, text, masked, kid in rows:
                sealed, new_kid = cipher.seal(cipher.open(text, kid, user_id), user_id)
                sealed_masked, _ = cipher.seal(cipher.open(masked, kid, user_id), user_id)
                updates.append((sealed, sealed_masked, new_kid, user_id, message_id, text))
            return await self._db.write_many(
                "UPDATE pending_answers SET text = ?, masked = ?, key_id = ?"
                " WHERE user_id = ? AND message_id = ? AND text = ?",
                updates,
            )
