"""The reflective cycle's reads: an intention to bring back, an earlier answer to look back on,
and the intentions with how they went. Its questions are check-in steps known by question_id:

- `cycle.zoom_out` and `cycle.intention`: the weekly talk after the verrekijker (a check-in
  of kind 'weekly');
- `cycle.review:<answer id>`: how that intention went, asked once in a daily check-in of the
  week after;
- `cycle.look_back:<answer id>`: her view now of that earlier answer.

Nothing is read from a check-in with heavy words (a care mark): it is never brought back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.database import Database, Row

CYCLE = "cycle."  # every question_id of the cycle starts so
ZOOM_OUT = "cycle.zoom_out"
INTENTION = "cycle.intention"
REVIEW = "cycle.review:"  # + the intention's answer id
LOOK_BACK = "cycle.look_back:"  # + the earlier answer's id
MIN_LOOK_BACK_CHARS = 15  # shorter answers say too little to look back on


@dataclass(frozen=True)
class Earlier:
    """An answer of hers to bring back: its id, the day she wrote it, its text as stored."""

    answer_id: int
    local_date: date
    text: str


@dataclass(frozen=True)
class IntentionPair:
    """An intention, the day she set it (its weekly talk), and how it went (if she said)."""

    answer_id: int
    set_on: date
    text: str
    outcome: str | None


class CycleRepository:
    """Reads what the reflective cycle brings back."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def intention_to_review(self, user_id: int, since: date, until: date) -> Earlier | None:
        """The latest intention set in [since, until] not asked about yet, if any."""
        row = await self._db.fetch_one(
            "SELECT a.id, c.local_date, a.text, a.key_id FROM answers a"
            " JOIN checkin_steps s ON s.id = a.step_id JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND c.kind = 'weekly' AND s.question_id = ?"
            "   AND c.care_mark IS NULL AND c.local_date BETWEEN ? AND ?"
            "   AND NOT EXISTS (SELECT 1 FROM checkin_steps r JOIN checkins rc"
            "     ON rc.id = r.checkin_id WHERE rc.user_id = c.user_id"
            "     AND r.question_id = ? || CAST(a.id AS TEXT))"
            " ORDER BY a.id DESC LIMIT 1",
            (user_id, INTENTION, since.isoformat(), until.isoformat(), REVIEW),
        )
        return None if row is None else self._earlier(row, user_id)

    async def looked_back_since(self, user_id: int, since: date) -> bool:
        """Whether a check-in from `since` on already brought a look-back."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM checkin_steps s JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND c.local_date >= ? AND s.question_id LIKE ? LIMIT 1",
            (user_id, since.isoformat(), LOOK_BACK + "%"),
        )
        return row is not None

    async def look_back_candidate(
        self, user_id: int, until: date, signpost: int
    ) -> Earlier | None:
        """An answer of a day's check-in up to `until` to look back on: of this signpost when
        there is one, else any; the most recent; never one looked back on already."""
        rows = await self._db.fetch_all(
            "SELECT a.id, c.local_date, a.text, a.key_id FROM answers a"
            " JOIN checkin_steps s ON s.id = a.step_id JOIN checkins c ON c.id = s.checkin_id"
            " WHERE c.user_id = ? AND c.kind = 'daily' AND c.care_mark IS NULL"
            "   AND c.local_date <= ? AND s.kind = 'question'"
            "   AND (s.question_id IS NULL OR s.question_id NOT LIKE 'cycle.%')"
            "   AND NOT EXISTS (SELECT 1 FROM checkin_steps r JOIN checkins rc"
            "     ON rc.id = r.checkin_id WHERE rc.user_id = c.user_id"
            "     AND r.question_id = ? || CAST(a.id AS TEXT))"
            " ORDER BY CASE WHEN c.signpost = ? THEN 0 ELSE 1 END, a.id DESC LIMIT 20",
            (user_id, until.isoformat(), LOOK_BACK, signpost),
        )
        for row in rows:  # the text is sealed: its length is known only once opened
            earlier = self._earlier(row, user_id)
            if len(earlier.text.strip()) >= MIN_LOOK_BACK_CHARS:
                return earlier
        return None

    async def intentions(self, user_id: int) -> list[IntentionPair]:
        """Every intention she set, oldest first, with how it went when she answered that."""
        rows = await self._db.fetch_all(
            "SELECT a.id, c.local_date, a.text, a.key_id, r.text, r.key_id FROM answers a"
            " JOIN checkin_steps s ON s.id = a.step_id JOIN checkins c ON c.id = s.checkin_id"
            " LEFT JOIN checkin_steps rs ON rs.question_id = ? || CAST(a.id AS TEXT)"
            "   AND rs.checkin_id IN (SELECT id FROM checkins WHERE user_id = c.user_id)"
            " LEFT JOIN answers r ON r.step_id = rs.id"
            " WHERE c.user_id = ? AND c.kind = 'weekly' AND s.question_id = ?"
            " ORDER BY a.id, r.id",
            (REVIEW, user_id, INTENTION),
        )
        pairs: dict[int, IntentionPair] = {}
        cipher = self._db.cipher
        for answer_id, day, text, kid, outcome, outcome_kid in rows:
            if answer_id in pairs:
                continue  # a second reply to "how did it go": the first is the outcome
            pairs[answer_id] = IntentionPair(
                answer_id,
                date.fromisoformat(day),
                cipher.open(text, kid, user_id),
                None if outcome is None else cipher.open(outcome, outcome_kid, user_id),
            )
        return list(pairs.values())

    def _earlier(self, row: Row, user_id: int) -> Earlier:
        text = self._db.cipher.open(row[2], row[3], user_id)
        return Earlier(row[0], date.fromisoformat(row[1]), text)
