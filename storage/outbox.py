"""The outbox: scheduled messages written first, then delivered by a worker, with states.

An item being sent carries a lease (the instance sending it, and until when), so several
instances can share the outbox: see bot/delivery/leases.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from storage.codec import utc_text, utc_value
from storage.database import Database, Row
from storage.models import NewOutboxItem, OutboxHealth, OutboxItem, OutboxLease

_COLUMNS = "id, kind, chat_id, period, due_at, user_id, ref, state, attempts"


def _item(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        kind=row[1],
        chat_id=row[2],
        period=row[3],
        due_at=utc_value(row[4]),  # type: ignore[arg-type]
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
    ) -> None:
        """Record the outcome: sent, back to pending (with a time), failed or dropped."""
        await self._db.write(
            "UPDATE outbox SET state = ?, last_error = ?, ambiguous = ?, updated_at = ?,"
            " leased_by = NULL, leased_until = NULL, not_before = COALESCE(?, not_before),"
            " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
            (
                state,
                error,
                int(ambiguous),
                utc_text(now),
                utc_text(not_before) if not_before else None,
                state,
                utc_text(now),
                item_id,
            ),
        )

    async def parts_sent(self, item_id: int) -> int:
        """How many parts of a multi-part delivery already went out (a retry skips them)."""
        row = await self._db.fetch_one("SELECT parts_sent FROM outbox WHERE id = ?", (item_id,))
        return int(row[0]) if row else 0

    async def set_parts_sent(self, item_id: int, count: int) -> None:
        """Record that the first `count` parts of the item went out."""
        await self._db.write("UPDATE outbox SET parts_sent = ? WHERE id = ?", (count, item_id))

    async def renew(self, holder: str, until: datetime) -> int:
        """Extend the leases of everything `holder` still has in flight; returns how many."""
        return await self._db.write(
            "UPDATE outbox SET leased_until = ? WHERE state = 'sending' AND leased_by = ?",
            (utc_text(until), holder),
        )

    async def take_back(self, now: datetime, keep: str, gone: Sequence[str] = ()) -> int:
        """Put back in the queue what is in flight under an expired lease, or under a lease of
        an instance in `gone`; it may arrive twice. A live lease, and whatever `keep` (the
        instance asking) has in flight, is left alone. Returns how many went back."""
        of_gone = f" OR leased_by IN ({', '.join('?' * len(gone))})" if gone else ""
        return await self._db.write(
            "UPDATE outbox SET state = 'pending', leased_by = NULL, leased_until = NULL,"
            " updated_at = ? WHERE state = 'sending' AND (leased_by IS NULL OR (leased_by <> ?"
            f" AND (leased_until IS NULL OR leased_until <= ?{of_gone})))",
            (utc_text(now), keep, utc_text(now), *gone),
        )

    async def leases(self) -> tuple[OutboxLease, ...]:
        """What is in flight, by instance, with the first lease to expire."""
        rows = await self._db.fetch_all(
            "SELECT leased_by, COUNT(*), MIN(leased_until) FROM outbox WHERE state = 'sending'"
            " GROUP BY leased_by ORDER BY MIN(leased_until)"
        )
        return tuple(OutboxLease(row[0], row[1], utc_value(row[2])) for row in rows)

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
