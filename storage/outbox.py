"""The outbox: scheduled messages written first, then delivered by a worker, with states.

An item being sent carries a lease: the instance sending it, held while that instance is
alive (storage/instances.py), so several instances can share the outbox: see
bot/delivery/leases.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from storage.codec import utc_required, utc_text, utc_value
from storage.database import Database, Row
from storage.instances import live_holder
from storage.models import NewOutboxItem, OutboxHealth, OutboxItem, OutboxLease

_COLUMNS = "id, kind, chat_id, period, due_at, user_id, ref, state, attempts"


def _item(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        kind=row[1],
        chat_id=row[2],
        period=row[3],
        due_at=utc_required(row[4]),
        user_id=row[5],
        ref=row[6],
        state=row[7],
        attempts=row[8],
    )


class OutboxRepository:
    """Enqueue, claim and settle scheduled messages."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def enqueue(self, items: Sequence[NewOutboxItem], now: datetime) -> int:
        """Add items in one transaction; an item already there (same key) is left alone."""
        stamp = utc_text(now)
        return await self._db.write_many(
            "INSERT INTO outbox (kind, chat_id, period, user_id, ref, due_at, not_before,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [
                (
                    *(i.kind, i.chat_id, i.period, i.user_id, i.ref, utc_text(i.due_at)),
                    *(stamp, stamp, stamp),
                )
                for i in items
            ],
        )

    async def claim(
        self, now: datetime, limit: int, holder: str, until: datetime
    ) -> list[OutboxItem]:
        """Take up to `limit` ready items, oldest first, leased to `holder` until `until`.

        Rows another instance is claiming at the same moment are skipped (SKIP LOCKED on
        PostgreSQL), so no item is ever claimed twice.
        """
        async with self._db.transaction():
            rows = await self._db.fetch_all(
                f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND not_before <= ?"
                f" ORDER BY not_before, id LIMIT ? {self._db.skip_locked}",
                (utc_text(now), limit),
            )
            items = [_item(row) for row in rows]
            if items:
                await self._db.write_many(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
                    " leased_by = ?, leased_until = ?, updated_at = ? WHERE id = ?",
                    [(holder, utc_text(until), utc_text(now), item.id) for item in items],
                )
        return [_claimed(item) for item in items]

    async def settle(
        self,
        item_id: int,
        state: str,
        now: datetime,
        *,
        error: str | None = None,
        not_before: datetime | None = None,
        ambiguous: bool = False,
        holder: str | None = None,
    ) -> bool:
        """Record the outcome: sent, back to pending (with a time), failed or dropped.

        With `holder`: only while that instance still holds the item (it was not taken back
        meanwhile); False when it no longer did, or the item is gone (its person erased).
        """
        mine = "" if holder is None else " AND state = 'sending' AND leased_by = ?"
        changed = await self._db.write(
            "UPDATE outbox SET state = ?, last_error = ?, ambiguous = ?, updated_at = ?,"
            " leased_by = NULL, leased_until = NULL, not_before = COALESCE(?, not_before),"
            f" sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?{mine}",
            (
                state,
                error,
                int(ambiguous),
                utc_text(now),
                utc_text(not_before) if not_before else None,
                state,
                utc_text(now),
                item_id,
                *(() if holder is None else (holder,)),
            ),
        )
        return changed > 0

    async def parts_sent(self, item_id: int) -> int:
        """How many parts of a multi-part delivery already went out (a retry skips them)."""
        row = await self._db.fetch_one("SELECT parts_sent FROM outbox WHERE id = ?", (item_id,))
        return int(row[0]) if row else 0

    async def set_parts_sent(self, item_id: int, count: int) -> None:
        """Record that the first `count` parts of the item went out."""
        await self._db.write("UPDATE outbox SET parts_sent = ? WHERE id = ?", (count, item_id))

    async def take_back(self, now: datetime, keep: Sequence[int] = ()) -> int:
        """Put back in the queue what is in flight under a lease of an instance that is gone
        (or of none); it may arrive twice. A live instance's items stay, and so do the items
        in `keep` (the asking instance is still settling them). Returns how many went back."""
        kept = f" AND id NOT IN ({', '.join('?' * len(keep))})" if keep else ""
        return await self._db.write(
            "UPDATE outbox SET state = 'pending', leased_by = NULL, leased_until = NULL,"
            " updated_at = ? WHERE state = 'sending' AND (leased_by IS NULL OR NOT"
            f" {live_holder(self._db, 'outbox.leased_by')}){kept}",
            (utc_text(now), *keep),
        )

    async def leases(self) -> tuple[OutboxLease, ...]:
        """What is in flight, by instance, with when that instance's lease runs out."""
        rows = await self._db.fetch_all(
            "SELECT o.leased_by, COUNT(*), MIN(i.alive_until) FROM outbox o"
            " LEFT JOIN instances i ON i.id = o.leased_by WHERE o.state = 'sending'"
            " GROUP BY o.leased_by ORDER BY MIN(i.alive_until)"
        )
        return tuple(
            OutboxLease(
                row[0], row[1], None if row[2] is None else datetime.fromtimestamp(row[2], UTC)
            )
            for row in rows
        )

    async def health(self, now: datetime | None = None) -> OutboxHealth:
        """Counts by state, the oldest pending item and the last successful send."""
        stamp = utc_text(now) if now else "9999"
        waiting = await self._value(
            "SELECT MIN(t) FROM (SELECT MIN(not_before) AS t FROM outbox"
            " WHERE state = 'pending' AND not_before <= ?"
            " UNION ALL SELECT MIN(updated_at) FROM outbox WHERE state = 'sending') AS oldest",
            (stamp,),
        )
        rows = await self._db.fetch_all("SELECT state, COUNT(*) FROM outbox GROUP BY state")
        counts = {state: n for state, n in rows}
        oldest = await self._value(
            "SELECT MIN(due_at) FROM outbox WHERE state IN ('pending', 'sending')"
        )
        last = await self._value("SELECT MAX(sent_at) FROM outbox")
        ambiguous = await self._value("SELECT COUNT(*) FROM outbox WHERE ambiguous = 1")
        return OutboxHealth(
            counts,
            utc_value(oldest),
            utc_value(waiting),
            utc_value(last),
            ambiguous,
            await self.leases(),
        )

    async def items(self, kind: str | None = None) -> list[OutboxItem]:
        """Every item (of a kind), oldest first: for tests and the operator."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM outbox {where} ORDER BY id", params
        )
        return [_item(row) for row in rows]

    async def backlog(self, now: datetime) -> tuple[int, int, datetime | None]:
        """For the operator's gauges: due and unsent, in flight, and the oldest due moment."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FILTER (WHERE state = 'pending' AND not_before <= ?),"
            " COUNT(*) FILTER (WHERE state = 'sending'),"
            " MIN(due_at) FILTER (WHERE state IN ('pending', 'sending') AND not_before <= ?)"
            " FROM outbox",
            (utc_text(now), utc_text(now)),
        )
        if row is None:
            return 0, 0, None
        return int(row[0]), int(row[1]), utc_value(row[2])

    async def _value(self, sql: str, params: tuple[object, ...] = ()) -> Any:
        row = await self._db.fetch_one(sql, params)  # an aggregate: always one row
        return None if row is None else row[0]


def _claimed(item: OutboxItem) -> OutboxItem:
    return OutboxItem(
        item.id,
        item.kind,
        item.chat_id,
        item.period,
        item.due_at,
        item.user_id,
        item.ref,
        "sending",
        item.attempts + 1,
    )
