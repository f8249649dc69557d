"""Incoming updates stored before they are confirmed to Telegram, until they are handled.

Shared by every instance: the first store of an update owns it (a redelivery, to any instance,
changes nothing), it stays its owner's while that instance is alive (storage/instances.py),
and any instance takes over what a gone one (killed, frozen, cut off) left.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.codec import utc_text, utc_value
from storage.crypto import CipherError
from storage.database import Database
from storage.instances import TurnRepository, live_holder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboxItem:
    """An update waiting to be handled: its id and its JSON text."""

    update_id: int
    body: str


# A turn wanted: (name, holder, token, look), the look (sender, through update) or None.
_Wanted = tuple[str, str, str, tuple[int, int] | None]
# A turn taken: its look's updates not handled yet, or None when no look was asked.
_Looked = list[InboxItem] | None


class InboxRepository:
    """The inbox table; bodies hold users' words, so they are sealed like answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def store(
        self,
        update_id: int,
        user_id: int | None,
        body: str,
        now: datetime,
        *,
        owner: str | None = None,
    ) -> bool:
        """Keep an update for `owner`; False when it is stored already or was handled before.

        This is where a redelivery (to any instance) is recognised: whoever stored the update
        first owns it, and every later store of it changes nothing.
        """
        sealed, kid = self._db.cipher.seal(body, _owner(user_id))
        stored = await self._db.write(
            "INSERT INTO inbox (update_id, user_id, body, key_id, received_at, claimed_by)"
            " SELECT ?, CAST(? AS BIGINT), ?, ?, ?, ?"
            " WHERE NOT EXISTS (SELECT 1 FROM handled_updates WHERE update_id = ?)"
            " ON CONFLICT DO NOTHING",
            (
                update_id,
                user_id,
                sealed,
                kid,
                utc_text(now),
                owner,
                update_id,
            ),
        )
        return stored > 0

    async def store_many(
        self, updates: list[tuple[int, int | None, str]], now: datetime, *, owner: str
    ) -> set[int]:
        """Keep a batch of updates (id, sender, JSON) for `owner` in one statement; returns
        the ids stored now (the rest were stored already, or handled before), as `store`."""
        if not updates:
            return set()
        stamp, rows, params = utc_text(now), [], []
        for update_id, user_id, body in dict((u[0], u) for u in updates).values():
            sealed, kid = self._db.cipher.seal(body, _owner(user_id))
            rows.append(
                "SELECT CAST(? AS BIGINT) AS update_id, CAST(? AS BIGINT) AS user_id,"
                " CAST(? AS TEXT) AS body, CAST(? AS TEXT) AS key_id,"
                " CAST(? AS TEXT) AS received_at, CAST(? AS TEXT) AS claimed_by"
            )
            params += [update_id, user_id, sealed, kid, stamp, owner]
        stored = await self._db.write_returning(
            "INSERT INTO inbox (update_id, user_id, body, key_id, received_at, claimed_by)"
            f" SELECT * FROM ({' UNION ALL '.join(rows)}) AS batch"
            " WHERE NOT EXISTS (SELECT 1 FROM handled_updates h"
            " WHERE h.update_id = batch.update_id)"
            " ON CONFLICT DO NOTHING RETURNING update_id",
            params,
        )
        return {int(row[0]) for row in stored}

    async def remove(self, update_id: int) -> None:
        """Forget an update once it was handled."""
        await self._db.write("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    async def finish(
        self,
        update_ids: list[int],
        now: datetime,
        *,
        sent_steps: Sequence[tuple[int, int | None]] = (),
        turns: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Handled: remember these updates as handled and remove them, in one transaction.

        Together, so an update is in the inbox exactly until it is known handled: a row that
        is still there was never handled (a redelivery of a handled one is never stored).
        `sent_steps`: check-in steps their handling sent, (step id, message id or None: a
        send that timed out), recorded as sent in the same statement (as set_step_message).
        `turns`: (name, token) of turns to let go with it (as TurnRepository.release), when
        these updates were the last their handling did in their turn.
        """
        if not update_ids:
            return
        ids = sorted(set(update_ids))
        marks, stamp = ", ".join("?" * len(ids)), utc_text(now)
        if self._db.url.engine == "postgresql":  # one statement there: a writing WITH
            await self._finish_in_one(ids, stamp, sent_steps, turns)
            return
        # SQLite: one transaction, sent to its thread in one trip.
        await self._db.write_together(
            [
                (
                    "INSERT INTO handled_updates (update_id, handled_at) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    [(update_id, stamp) for update_id in ids],
                ),
                (f"DELETE FROM inbox WHERE update_id IN ({marks})", [ids]),
                (
                    "UPDATE checkin_steps SET message_id = COALESCE(?, message_id), unsent = 0"
                    " WHERE id = ?",
                    [(message_id, step_id) for step_id, message_id in sent_steps],
                ),
                ("DELETE FROM turns WHERE name = ? AND token = ?", list(turns)),
            ]
        )

    async def _finish_in_one(
        self,
        ids: list[int],
        stamp: str,
        sent_steps: Sequence[tuple[int, int | None]],
        turns: Sequence[tuple[str, str]],
    ) -> None:
        """`finish` on PostgreSQL: one statement, a writing WITH."""
        sent_sql, sent_params = "", []
        if sent_steps:
            values = ", ".join("(CAST(? AS BIGINT), CAST(? AS BIGINT))" for _ in sent_steps)
            sent_sql = (
                " sent AS (UPDATE checkin_steps SET unsent = 0,"
                " message_id = COALESCE(v.message_id, checkin_steps.message_id)"
                f" FROM (VALUES {values}) AS v (id, message_id)"
                " WHERE checkin_steps.id = v.id),"
            )
            sent_params = [value for step in sent_steps for value in step]
        let_go_sql = ""
        if turns:
            let_go_sql = (
                " let_go AS (DELETE FROM turns WHERE"
                f" {' OR '.join('(name = ? AND token = ?)' for _ in turns)}),"
            )
        marks = ", ".join("?" * len(ids))
        await self._db.write(
            f"WITH{sent_sql}{let_go_sql} gone AS (DELETE FROM inbox WHERE update_id IN"
            f" ({marks})) INSERT INTO handled_updates (update_id, handled_at) VALUES"
            f" {', '.join('(?, ?)' for _ in ids)} ON CONFLICT DO NOTHING",
            [
                *sent_params,
                *(value for pair in turns for value in pair),
                *ids,
                *(value for update_id in ids for value in (update_id, stamp)),
            ],
        )

    async def take_over(self, owner: str) -> list[int]:
        """Claim for `owner` what gone instances hold (or nobody); returns every update
        `owner` holds now, oldest first (its own included: it queues what it lacks).

        A row another instance is claiming at this moment is skipped (`skip_locked`), so two
        instances never take the same one.
        """
        async with self._db.transaction():
            rows = await self._db.fetch_all(
                "SELECT update_id FROM inbox WHERE claimed_by IS NULL OR (claimed_by <> ? AND NOT"
                f" {live_holder(self._db, 'inbox.claimed_by')}) ORDER BY update_id"
                f" {self._db.skip_locked}",
                (owner,),
            )
            await self._db.write_many(
                "UPDATE inbox SET claimed_by = ? WHERE update_id = ?",
                [(owner, row[0]) for row in rows],
            )
            held = await self._db.fetch_all(
                "SELECT update_id FROM inbox WHERE claimed_by = ? ORDER BY update_id", (owner,)
            )
        return [int(row[0]) for row in held]

    async def bodies(self, update_ids: list[int]) -> list[InboxItem]:
        """These updates as stored (those still there), oldest first."""
        if not update_ids:
            return []
        marks = ", ".join("?" * len(update_ids))
        return self._opened(
            await self._db.fetch_all(
                "SELECT update_id, user_id, body, key_id FROM inbox"
                f" WHERE update_id IN ({marks}) ORDER BY update_id",
                update_ids,
            )
        )

    async def waiting(self) -> list[InboxItem]:
        """Every update stored and not handled yet, oldest first, whoever holds it."""
        return self._opened(
            await self._db.fetch_all(
                "SELECT update_id, user_id, body, key_id FROM inbox ORDER BY update_id"
            )
        )

    async def release(self, owner: str) -> int:
        """Let another instance take what `owner` still holds at once (it stops)."""
        return await self._db.write(
            "UPDATE inbox SET claimed_by = NULL WHERE claimed_by = ?", (owner,)
        )

    async def earlier(self, user_id: int, update_id: int) -> list[InboxItem]:
        """The sender's updates stored before this one and not handled yet, oldest first."""
        items = await self.through(user_id, update_id)
        return [item for item in items if item.update_id < update_id]

    async def through(self, user_id: int, update_id: int) -> list[InboxItem]:
        """The sender's updates not handled yet up to this one (itself, if still here)."""
        rows = await self._db.fetch_all(
            "SELECT update_id, user_id, body, key_id FROM inbox"
            " WHERE user_id = ? AND update_id <= ? ORDER BY update_id",
            (user_id, update_id),
        )
        return self._opened(rows)

    async def take_turns(self, wanted: list[_Wanted]) -> dict[tuple[str, str], _Looked]:
        """Take turns as TurnRepository.take_many does, each (name, holder, token, look), and
        for a turn taken with a look (sender, update id), the sender's updates not handled yet
        up to that one (as `through`), read after the turn was taken.

        Returns the (name, token) taken, each with its look's updates (None: no look asked).
        PostgreSQL: one call of sherpa_take_turns (migration 0018), whose read of the inbox
        has a snapshot of its own, taken after the turn; elsewhere, the take, then each look.
        """
        rows = list({name: (name, h, t, look) for name, h, t, look in wanted}.values())
        if not rows:
            return {}
        if self._db.url.engine != "postgresql":
            return await self._take_then_look(rows)
        return await self._take_and_look_in_one(rows)

    async def _take_then_look(self, rows: list[_Wanted]) -> dict[tuple[str, str], _Looked]:
        """The take, then each look: one engine writer at a time, so nothing comes between."""
        taken = await TurnRepository(self._db).take_many([row[:3] for row in rows])
        found: dict[tuple[str, str], _Looked] = {}
        for name, _, token, look in rows:
            if (name, token) in taken:
                found[(name, token)] = None if look is None else await self.through(*look)
        return found

    async def _take_and_look_in_one(
        self, rows: list[_Wanted]
    ) -> dict[tuple[str, str], _Looked]:
        """PostgreSQL: one call of sherpa_take_turns, its look a snapshot taken after the take."""
        looked = await self._db.write_returning(
            "SELECT taken_name, taken_token, item_id, item_user, item_body, item_key"
            " FROM sherpa_take_turns(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),"
            " CAST(? AS BIGINT[]), CAST(? AS BIGINT[]))",
            [
                [row[0] for row in rows],
                [row[1] for row in rows],
                [row[2] for row in rows],
                [None if row[3] is None else row[3][0] for row in rows],
                [None if row[3] is None else row[3][1] for row in rows],
            ],
        )
        asked = {(name, token) for name, _, token, look in rows if look is not None}
        result: dict[tuple[str, str], _Looked] = {}
        for name, token, *item in looked:
            key = (str(name), str(token))
            items = result.setdefault(key, [] if key in asked else None)
            if items is not None and item[0] is not None:
                items += self._opened([item])
        return result

    def _opened(self, rows: Iterable[Iterable[Any]]) -> list[InboxItem]:
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

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many updates wait to be handled, and when the oldest of them arrived."""
        row = await self._db.fetch_one("SELECT COUNT(*), MIN(received_at) FROM inbox")
        if row is None:
            return 0, None
        return int(row[0]), utc_value(row[1])


def _owner(user_id: int | None) -> int:
    return 0 if user_id is None else user_id  # bound into the seal: a body stays with its user
