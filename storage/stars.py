"""Stars: the answers a practitioner marked to bring to supervision. Only the mark, no text.

A star belongs to its answer and its user: it goes with either (the cascades of 0017), so an
/undo, retention and /delete need nothing of their own here. Only her own answers take one.
"""

from __future__ import annotations

from datetime import date, datetime

from storage.codec import utc_text
from storage.database import Database
from storage.models import StarTarget

# An answer `a` with its check-in `c` (for its day and its heavy-words mark).
_WITH_CHECKIN = (
    " FROM answers a JOIN checkin_steps st ON st.id = a.step_id"
    " JOIN checkins c ON c.id = st.checkin_id"
)
_TARGET = (
    "SELECT a.id, a.text, a.key_id, c.local_date, c.care_mark,"
    " EXISTS (SELECT 1 FROM stars s WHERE s.user_id = a.user_id AND s.answer_id = a.id)"
    + _WITH_CHECKIN
)


class StarRepository:
    """Star, unstar and read the starred answers of one user."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def star(self, user_id: int, answer_id: int, now: datetime) -> bool:
        """Star her answer `answer_id`; False when she has no such answer, or it belongs to a
        check-in with heavy words (its words go into no PDF): then nothing changes. Starring a
        starred answer again keeps it as it was."""
        await self._db.write(
            "INSERT INTO stars (user_id, answer_id, created_at) SELECT a.user_id, a.id, ?"
            + _WITH_CHECKIN
            + " WHERE a.id = ? AND a.user_id = ? AND c.care_mark IS NULL"
            " ON CONFLICT (user_id, answer_id) DO NOTHING",
            (utc_text(now), answer_id, user_id),
        )
        return answer_id in await self.starred(user_id, (answer_id,))

    async def unstar(self, user_id: int, answer_id: int) -> bool:
        """Take the star off; False when there was none."""
        removed = await self._db.write(
            "DELETE FROM stars WHERE user_id = ? AND answer_id = ?", (user_id, answer_id)
        )
        return removed > 0

    async def set(self, user_id: int, answer_id: int, starred: bool, now: datetime) -> bool:
        """Star or unstar as asked (the Mini App's toggle); whether it is starred now."""
        if starred:
            return await self.star(user_id, answer_id, now)
        await self.unstar(user_id, answer_id)
        return False

    async def toggle(self, user_id: int, answer_id: int, now: datetime) -> bool:
        """Star an unstarred answer, unstar a starred one; whether it is starred now."""
        async with self._db.transaction():
            if await self.unstar(user_id, answer_id):
                return False
            return await self.star(user_id, answer_id, now)

    async def starred(self, user_id: int, among: tuple[int, ...] | None = None) -> frozenset[int]:
        """The ids of her starred answers (only those `among`, when given)."""
        if among is not None and not among:
            return frozenset()
        sql = "SELECT answer_id FROM stars WHERE user_id = ?"
        params: tuple[object, ...] = (user_id,)
        if among is not None:
            sql += f" AND answer_id IN ({', '.join('?' * len(among))})"
            params += among
        return frozenset(int(row[0]) for row in await self._db.fetch_all(sql, params))

    async def last_answer(self, user_id: int) -> StarTarget | None:
        """Her most recently stored answer, as a star would mark it; None without answers."""
        return await self._target(user_id, " ORDER BY a.id DESC LIMIT 1")

    async def answer(self, user_id: int, answer_id: int) -> StarTarget | None:
        """Her answer `answer_id`; None when she has no such answer."""
        return await self._target(user_id, " AND a.id = ?", (answer_id,))

    async def answer_of_message(self, user_id: int, message_id: int) -> StarTarget | None:
        """Her answer sent as the message `message_id` (a /ster as a reply to it)."""
        return await self._target(user_id, " AND a.message_id = ?", (message_id,))

    async def _target(
        self, user_id: int, where: str, params: tuple[object, ...] = ()
    ) -> StarTarget | None:
        row = await self._db.fetch_one(_TARGET + " WHERE a.user_id = ?" + where, (user_id, *params))
        if row is None:
            return None
        answer_id, stored, kid, local_date, care_mark, starred = row
        return StarTarget(
            answer_id=int(answer_id),
            text=self._db.cipher.open(stored, kid, user_id),
            local_date=date.fromisoformat(str(local_date)),
            care_mark=care_mark,
            starred=bool(starred),
        )
