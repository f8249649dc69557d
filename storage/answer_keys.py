"""The keys that seal stored answers: checked at open, rotated in batches."""

from __future__ import annotations

from storage.crypto import CipherError
from storage.database import Database


class AnswerKeys:
    """Key checks and re-sealing over the answers table (part of storage.checkins)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def check_keys(self) -> None:
        """Raise CipherError unless every key that sealed a stored answer is configured.

        Updates waiting in the inbox count too: they hold words not yet stored as answers.
        """
        rows = await self._db.fetch_all(
            "SELECT key_id FROM answers WHERE key_id IS NOT NULL"
            " UNION SELECT key_id FROM inbox WHERE key_id IS NOT NULL"
        )
        kids = [row[0] for row in rows]
        if missing := [kid for kid in kids if not self._db.cipher.known(kid)]:
            raise CipherError(f"answers are sealed with key {', '.join(missing)}, not configured")
        row = await self._db.fetch_one(
            "SELECT text, key_id, user_id FROM answers WHERE key_id IS NOT NULL"
            " ORDER BY id DESC LIMIT 1"
        )
        if row is not None:
            self._db.cipher.open(*row)  # a key with the right id but wrong bytes fails here

    async def reseal(self, batch: int = 500) -> int:
        """Re-encrypt up to `batch` answers not yet under the current key; returns how many."""
        cipher = self._db.cipher
        # Without a current key this turns sealed answers back into plain text.
        stale = "key_id IS NOT NULL" if cipher.current_id is None else "key_id IS DISTINCT FROM ?"
        params = (batch,) if cipher.current_id is None else (cipher.current_id, batch)
        # Read and write in one write transaction: an edit the bot makes meanwhile waits for
        # it, so it is never overwritten by the text read before it. The WHERE on the old
        # text says the same in SQL: only a row still holding what was read is re-sealed.
        async with self._db.transaction():
            rows = await self._db.fetch_all(
                f"SELECT id, text, key_id, user_id FROM answers WHERE {stale} LIMIT ?", params
            )
            updates = []
            for answer_id, stored, kid, owner in rows:
                text, new_kid = cipher.seal(cipher.open(stored, kid, owner), owner)
                updates.append((text, new_kid, answer_id, stored, kid))
            return await self._db.write_many(
                "UPDATE answers SET text = ?, key_id = ? WHERE id = ? AND text = ?"
                " AND key_id IS NOT DISTINCT FROM ?",
                updates,
            )
