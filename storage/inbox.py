"""Incoming updates stored before they are confirmed to Telegram, until they are handled."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from storage.codec import utc_text
from storage.crypto import CipherError
from storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboxItem:
    """An update waiting to be handled: its id and its JSON text."""

    update_id: int
    body: str


class InboxRepository:
    """The inbox table; bodies hold users' words, so they are sealed like answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def store(self, update_id: int, user_id: int | None, body: str, now: datetime) -> None:
        """Keep an update (a second store of the same update changes nothing)."""
        sealed, kid = self._db.cipher.seal(body, _owner(user_id))
        await self._db.write(
            "INSERT INTO inbox (update_id, user_id, body, key_id, received_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (update_id, user_id, sealed, kid, utc_text(now)),
        )

    async def remove(self, update_id: int) -> None:
        """Forget an update once it was handled."""
        await self._db.write("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    async def waiting(self) -> list[InboxItem]:
        """Updates stored but not handled (left by a crash), oldest first.

        A body sealed with a key that is no longer configured stays, with a warning: it is
        the user's words, and it opens again once the key is back.
        """
        rows = await self._db.fetch_all(
            "SELECT update_id, user_id, body, key_id FROM inbox ORDER BY update_id"
        )
        items, unreadable = [], 0
        for update_id, user_id, body, kid in rows:
            try:
                items.append(InboxItem(update_id, self._db.cipher.open(body, kid, _owner(user_id))))
            except CipherError:
                unreadable += 1
        if unreadable:
            log.warning("%s updates in the inbox are sealed with a key that is not set", unreadable)
        return items

    async def reseal(self) -> int:
        """Re-seal every waiting update under the current key (they are few and short-lived).

        Read and written in one write transaction, and only over a row still holding what was
        read, as for answers: a rotation never brings back an older body.
        """
        cipher = self._db.cipher
        async with self._db.transaction():
            rows = await self._db.fetch_all("SELECT update_id, user_id, body, key_id FROM inbox")
            updates = []
            for update_id, user_id, body, kid in rows:
                sealed, new_kid = cipher.seal(
                    cipher.open(body, kid, _owner(user_id)), _owner(user_id)
                )
                updates.append((sealed, new_kid, update_id, body))
            return await self._db.write_many(
                "UPDATE inbox SET body = ?, key_id = ? WHERE update_id = ? AND body = ?", updates
            )


def _owner(user_id: int | None) -> int:
    return 0 if user_id is None else user_id  # bound into the seal: a body stays with its user
