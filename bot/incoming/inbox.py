"""The durable inbox: an update is stored before Telegram hears it arrived, removed once handled.

PTB's Updater confirms a getUpdates batch with its next getUpdates call, and the webhook answers
Telegram once `put` returns; both await `update_queue.put(update)` first. So a queue whose `put`
stores the update in the database before queueing it means: nothing Telegram considers
delivered exists only in memory. The storage is open before the queue is made (bot/runner.py)
and closed after the Application shut down.

Several instances share the inbox. Storing is where a redelivery is recognised: whoever stored
an update first owns it (another instance's store of it changes nothing and queues nothing).
What an instance owns stays its own while its presence lives (bot/core/presence.py); after
each renewal it takes over what a gone one left, and queues again what it owns but has not in
hand (an update given back, see below). At the start that is what the last run left (on
SQLite, the file's only instance, all of it). One user's updates are handled in order, and
each once, in that person's turn across instances (bot/core/turns.py; bot/incoming/ordering.py
with the hooks below).

An update whose handling met the database away (no connection within the pool's wait, a
connection lost, a restart) or this instance's lease lapsing is given back: it stays in the
inbox, nobody is told anything, and it is handled again shortly, by this instance or another.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram._utils.types import JSONDict
from telegram.request import BaseRequest, RequestData

from bot.core import handling
from bot.core.bursts import Burst
from bot.core.clock import Clock
from bot.core.presence import Presence
from bot.core.services import SherpaApp
from bot.core.turns import Turns
from bot.ops.requests import LeanRequest
from storage import InboxItem, Storage
from storage.errors import lasting_write_failure

log = logging.getLogger(__name__)

RETRY_FIRST, RETRY_MOST = 0.5, 30.0  # seconds between attempts to store while the disk fails
# A full disk or a read-only database does not clear by itself within seconds: after this many
# attempts the update is handled unstored, so the practitioner hears the truth ("not stored")
# instead of silence, and polling goes on for everyone; their words are still in their chat.
LASTING_FAILURE_ATTEMPTS = 3
DEFAULT_LEASE = 30.0  # seconds (INBOX_LEASE): every lease of an instance (bot/core/presence.py)
GIVEN_BACK_FIRST = 0.5  # seconds before a given-back update is queued again; doubles per failure


class DurableUpdateQueue(asyncio.Queue[object]):
    """The Application's update queue, storing into an open database."""

    def __init__(self, storage: Storage, clock: Clock, presence: Presence, turns: Turns) -> None:
        super().__init__()
        self._storage, self._clock = storage, clock
        self._presence, self._turns = presence, turns
        # Queued or being handled: a redelivery of one of these (Telegram resends what it did
        # not see confirmed) is stored again at most, never handled beside the first.
        self._in_hand: set[int] = set()
        self._giving_back: set[int] = set()  # their handling now met a passing failure
        self._given_back: set[int] = set()  # until handled: they stay in the inbox, in line
        self._retry: asyncio.Task[None] | None = None
        self._retry_delay = GIVEN_BACK_FIRST
        self._application: SherpaApp | None = None
        self._unhandled: set[int] = set()  # see known_unhandled
        self._polled: list[Update] = []  # from getUpdates, stored before the next call
        # Their JSON, by update id, from the getUpdates answer as PTB parsed it (once): stored
        # as it came, instead of each update written out again by PTB (to_json).
        self._polled_json: dict[int, str] = {}
        self._polling: asyncio.Task[None] | None = None
        self._stores = Burst(self._store_burst)  # one webhook burst: one statement
        # Handled together: leave together (and let go of their turns, bot/core/turns.py).
        self._finishes = Burst(self._finish_burst)

    @property
    def instance(self) -> str:
        """This process, as the owner of inbox rows (its presence's id)."""
        return self._presence.id

    async def put(self, item: object) -> None:
        """Take an update from a getUpdates batch: it is stored with the rest of its batch.

        The Updater puts a whole batch without pausing, then confirms it with its next
        getUpdates call, which waits for the batch to be stored first (`polled_request`):
        one statement per batch, and still nothing confirmed exists only in memory. Storing
        keeps being tried while it fails, as Telegram keeps the batch meanwhile.
        """
        if isinstance(item, Update):
            self._polled.append(item)
            if self._polling is None or self._polling.done():
                self._polling = asyncio.get_running_loop().create_task(self._store_polled())
            return
        await super().put(item)

    async def polled_stored(self) -> None:
        """Wait until every polled update is stored (and queued): then it may be confirmed."""
        while self._polling is not None and not self._polling.done():
            await asyncio.shield(self._polling)

    async def _store_polled(self) -> None:
        delay, attempts = RETRY_FIRST, 0
        while self._polled:
            batch, unstored = list(self._polled), False
            try:
                stored = await self._store_batch(
                    [(update, self._polled_json.get(update.update_id)) for update in batch]
                )
            except Exception as error:  # a full or locked disk: Telegram keeps the updates
                attempts += 1
                if lasting_write_failure(error) and attempts >= LASTING_FAILURE_ATTEMPTS:
                    log.error(
                        "the inbox cannot be written (%s): handling %s updates unstored",
                        error,
                        len(batch),
                    )
                    stored, unstored = {update.update_id for update in batch}, True
                else:
                    log.error("could not store %s updates (%s); retrying", len(batch), error)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, RETRY_MOST)
                    continue
            delay, attempts = RETRY_FIRST, 0
            del self._polled[: len(batch)]
            if not self._polled:
                self._polled_json.clear()
            for update in batch:
                if unstored:  # a redelivery is then recognised by the look before handling
                    self._enqueue(update)
                elif update.update_id in stored:  # else stored already or handled: not ours
                    self._fresh(update)

    async def accept(self, update: Update, body: str | None = None) -> None:
        """Store an update, then queue it; raises when it cannot be stored (webhook: 500).

        `body`: its JSON as received, stored as it is (else PTB writes the update out again).
        A redelivery (stored already, by any instance, or handled) is answered and dropped.
        Updates arriving together (several webhook connections) are stored in one statement.
        """
        if await self.store(update, body):
            self._fresh(update)

    def _fresh(self, update: Update) -> None:
        """Queue an update stored just now (never handled before: the store refuses those)."""
        if self._alone and update.update_id not in self._in_hand:
            self._unhandled.add(update.update_id)
        self._enqueue(update)

    async def store(self, update: Update, body: str | None = None) -> bool:
        """Keep the update in the inbox, owned by this instance; False when it was there.

        Joins the updates being stored at the same moment: one statement for all of them.
        """
        return await self._stores.submit((update, body))

    async def _store_burst(self, updates: list[tuple[Update, str | None]]) -> list[bool]:
        stored = await self._store_batch(updates)
        return [update.update_id in stored for update, _ in updates]

    async def _store_batch(self, updates: list[tuple[Update, str | None]]) -> set[int]:
        rows = []
        for update, body in updates:
            sender = update.effective_user or update.effective_chat
            text = body if body is not None else update.to_json()
            rows.append((update.update_id, sender.id if sender else None, text))
        return await self._storage.inbox.store_many(rows, self._clock.now(), owner=self.instance)

    def polled_json(self, result: object) -> None:
        """Keep each update's JSON from a getUpdates result (PTB's parse of the answer, before
        PTB reads the updates from it), to store it as it came."""
        if not isinstance(result, list):
            return
        try:
            for item in result:
                self._polled_json[int(item["update_id"])] = json.dumps(item)
        except (ValueError, TypeError, KeyError):
            pass  # not what was expected: PTB writes each update out again, as before

    def polled_request(self) -> BaseRequest:
        """The getUpdates connection (one, over aiohttp), which confirms a batch only once
        the batch before it is stored."""
        return _ConfirmAfterStoring(self)

    @property
    def _alone(self) -> bool:
        return self._storage.single_instance

    # --- hooks of the update processor (bot/incoming/ordering.py) --------------------------

    @asynccontextmanager
    async def hold(self, key: str, update: object = None) -> AsyncIterator[None]:
        """The sender's turn across instances; the handling acts for this presence.

        With the sender's `update`, taking the turn also reads what `earlier` needs (on
        PostgreSQL in the same call: one round trip fewer).
        """
        look = None
        sender = _sender_of(update)
        if not self._alone and sender is not None and isinstance(update, Update):
            look = (sender, update.update_id)
        with self._presence.acting():
            async with self._turns.hold(key, look):
                yield

    async def earlier(self, update: object) -> list[Update]:
        """The sender's updates stored before this one (by any instance), not handled yet.

        Telegram sends the next update only once the last one was stored (webhook:
        max_connections=1), so these must be handled first, whoever stored them. On SQLite
        (one instance per file) there are none unless one was given back: this instance
        queued them, in order.
        """
        if not isinstance(update, Update) or self._application is None:
            return []
        if self._alone and not self._given_back:
            return []
        sender = _sender_of(update)
        if sender is None:
            return []
        items = self._turns.looked(f"user:{sender}")  # read with the turn's take, if it was
        if items is None:
            items = await self._storage.inbox.through(sender, update.update_id)
        # Still in the inbox, so not handled (it leaves as it is remembered handled): the
        # look for a redelivery is answered by this same read.
        self._unhandled.update(item.update_id for item in items)
        return [self._update(item) for item in items if item.update_id < update.update_id]

    def known_unhandled(self, update_id: int) -> bool:
        """Whether this update is known not handled yet (once: a second handling asks).

        Known when this instance stored it just now and is alone on the database (a row that
        is stored is handled only by whoever has it in hand), or when the sender's look for
        earlier updates found it still in the inbox, in the sender's turn.
        """
        if update_id in self._unhandled:
            self._unhandled.discard(update_id)
            return True
        return False

    async def handle_now(self, update: Update) -> None:
        """Run the handlers on an update stored earlier (its turn came here)."""
        assert self._application is not None
        await self._application.process_update(update)

    def give_back(self, update: object) -> None:
        """The update could not be handled now (database away, lease lapsed): it stays in the
        inbox and is queued again shortly (its handling ends as `handled` is told)."""
        if isinstance(update, Update):
            self._giving_back.add(update.update_id)

    async def handled(self, update: object, turn: str | None = None) -> None:
        """The update was handled (or skipped as handled before): it leaves the inbox.

        One given back stays, and is queued again soon (by this instance, or by another
        should this one stop). `turn`: the sender's turn, when this is the last its handling
        does in it; the turn is let go with the finish (PostgreSQL: one statement fewer).
        """
        scope = handling.current()
        sent = scope.take() if scope is not None else []  # steps it sent (bot/core/handling.py)
        if not isinstance(update, Update) or update.update_id in self._giving_back:
            await self._steps_sent(sent)
        if not isinstance(update, Update):
            return
        update_id = update.update_id
        self._in_hand.discard(update_id)
        self._unhandled.discard(update_id)
        if update_id in self._giving_back:
            self._giving_back.discard(update_id)
            self._given_back.add(update_id)
            self._retry_soon()
            return
        self._given_back.discard(update_id)
        let_go = self._turns.let_go_with(turn) if turn is not None else None
        await self._finish(update_id, sent, let_go)

    async def _finish(
        self,
        update_id: int,
        sent: list[tuple[int, int | None]],
        let_go: tuple[str, str] | None = None,
    ) -> None:
        """Remembered as handled and out of the inbox, with the others handled meanwhile, and
        the check-in steps its handling sent recorded as sent.

        Awaited inside the sender's turn: another instance taking the turn next finds it
        handled. One statement (SQLite: one transaction) for every update handled at the same
        moment.
        """
        await self._finishes.submit((update_id, sent, let_go))

    async def _finish_burst(
        self,
        finished: list[tuple[int, list[tuple[int, int | None]], tuple[str, str] | None]],
    ) -> list[None]:
        sent = [step for _, steps, _ in finished for step in steps]
        turns = [turn for _, _, turn in finished if turn is not None]
        await self._storage.inbox.finish(
            [update_id for update_id, _, _ in finished],
            self._clock.now(),
            sent_steps=sent,
            turns=turns,
        )
        self._turns.let_go(turns)  # else let go as always, when the turn's block ends
        return [None for _ in finished]

    async def _steps_sent(self, sent: list[tuple[int, int | None]]) -> None:
        """Steps sent by a handling that does not finish (given back): recorded now, if the
        database lets us (else the replay asks them again)."""
        try:
            for step_id, message_id in sent:
                await self._storage.checkins.set_step_message(step_id, message_id)
        except Exception as error:
            log.warning("could not record a sent step (%s)", type(error).__name__)

    # --- the lifecycle: take over at the start and after every renewal of the presence ----

    async def start(self, application: SherpaApp) -> int:
        """Queue what the last run left (the presence is registered); returns how many."""
        self._application = application
        replayed = await self._take_over()
        if replayed:
            log.info("handling %s updates left in the inbox by an earlier run", replayed)
        self._presence.on_renewal(self._renewed)
        return replayed

    async def stop(self) -> None:
        """What this instance still holds is free for another at once."""
        self._application = None
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None
        try:
            await self._storage.inbox.release(self.instance)
        except Exception:  # a closed or unreachable database: the lease runs out anyway
            log.warning("could not hand over the inbox at the stop; its lease runs out")

    async def take_over_expired(self) -> int:
        """Queue what gone instances left, and what is ours but not in hand; how many."""
        return await self._take_over()

    async def _renewed(self, lapsed: bool) -> None:
        taken = await self._take_over()
        if taken:
            log.info("queued %s updates from the inbox (given back, or of a gone instance)", taken)

    def _retry_soon(self) -> None:
        if self._retry is not None and not self._retry.done():
            return
        self._retry = asyncio.get_running_loop().create_task(self._retry_given_back())

    async def _retry_given_back(self) -> None:
        await asyncio.sleep(self._retry_delay)
        try:
            await self._take_over()
        except Exception:  # the database is still away: the next renewal tries too
            self._retry_delay = min(self._retry_delay * 2, self._presence.every)
            self._retry = None
            self._retry_soon()
            return
        self._retry_delay = GIVEN_BACK_FIRST

    async def _take_over(self) -> int:
        if self._application is None or not self._presence.may_lease():
            return 0
        held = await self._storage.inbox.take_over(self.instance)
        missing = [u for u in held if u not in self._in_hand]
        items = await self._storage.inbox.bodies(missing)
        for item in items:
            self._enqueue(self._update(item))  # ahead of anything received after this
        return len(items)

    def _update(self, item: InboxItem) -> Update:
        assert self._application is not None
        update = Update.de_json(json.loads(item.body), self._application.bot)
        assert update is not None
        return update

    def _enqueue(self, update: Update) -> None:
        if update.update_id in self._in_hand:
            return
        self._in_hand.add(update.update_id)
        self.put_nowait(update)  # the queue is unbounded: this never waits


def _sender_of(update: object) -> int | None:
    """Whose update this is (its user, else its chat): whose turn handles it."""
    if not isinstance(update, Update):
        return None
    sender = update.effective_user or update.effective_chat
    return None if sender is None else sender.id


def give_back(application: SherpaApp, update: object) -> None:
    """Tell the inbox an update's handling met a passing failure: it is tried again."""
    queue = application.update_queue
    if isinstance(queue, DurableUpdateQueue):
        queue.give_back(update)


class _ConfirmAfterStoring(LeanRequest):
    """The getUpdates request (one connection), waiting first until the polled are stored.

    A getUpdates call confirms every update before its offset: so before it goes out, the
    batch the last call brought is in the inbox (or handled unstored, when it cannot be).
    The long poll's wait is PTB's: it adds the poll's timeout to the read timeout it passes.
    """

    def __init__(self, queue: DurableUpdateQueue) -> None:
        super().__init__(connection_pool_size=1)
        self._queue = queue

    def parse_json_payload(self, payload: bytes) -> JSONDict:  # type: ignore[override]
        """PTB's parse of an answer (only getUpdates comes here), done once: the updates'
        JSON is kept from it, before PTB reads them."""
        answer = BaseRequest.parse_json_payload(payload)
        self._queue.polled_json(answer.get("result"))
        return answer

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        await self._queue.polled_stored()
        return await super().do_request(url, method, request_data, *args, **kwargs)
