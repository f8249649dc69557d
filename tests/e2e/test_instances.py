"""Two instances of the real Application over one PostgreSQL database, behind their webhooks.

Each instance serves its own webhook (bot/incoming/webhook.py) on its own port; the test is
Telegram and the reverse proxy at once: it posts each update to the instance it chooses.
Replies go to one Bot API stand-in.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import date

import aiohttp
import pytest
from aiohttp import web
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import build_application, build_services, open_storage, runtime_of
from bot.checkin import service
from bot.checkin.dialog import steps
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.incoming.webhook import SECRET_HEADER, webhook_app
from standin import StandIn
from storage import NewStep, Storage
from storage.url import DatabaseUrl
from tests.helpers import add_checkin, add_due_users

pytestmark = pytest.mark.slow  # a PostgreSQL server and two bots

SECRET = "a-webhook-secret"
ANN = 1001


class Instance:
    """One bot instance: the Application as bot/runner.py builds it, and its webhook server."""

    def __init__(self, settings: Settings, api: StandIn, clock: ManualClock) -> None:
        self._settings, self._api, self._clock = settings, api, clock
        self.handled: list[int] = []  # update ids that reached the handlers here

    async def open(self) -> None:
        """Storage, Application, post_init and the webhook; not yet handling (see start)."""
        storage = await open_storage(self._settings)
        self.services = build_services(self._settings, storage, self._clock)
        api = self._api
        self.app = build_application(self.services, token=api.token, base_url=api.base_url)
        self.app.add_handler(_seen(self.handled), group=-100)
        await self.app.initialize()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)
        self._runner = web.AppRunner(webhook_app(self.app, "/hook", SECRET))
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def start(self) -> None:
        """Start handling what the webhook queued."""
        await self.app.start()

    async def stop(self) -> None:
        await self._runner.cleanup()
        app = self.app
        assert app.post_stop and app.post_shutdown
        if app.running:
            await app.stop()
            await app.post_stop(app)
        await app.shutdown()
        await app.post_shutdown(app)
        await self.services.storage.close()

    async def post(self, update: dict) -> int:
        """Deliver an update as Telegram would; the HTTP status the instance answered."""
        async with aiohttp.ClientSession() as session:
            response = await session.post(
                f"http://127.0.0.1:{self.port}/hook", json=update, headers={SECRET_HEADER: SECRET}
            )
            return response.status

    @property
    def storage(self) -> Storage:
        return self.services.storage


def _seen(handled: list[int]) -> TypeHandler:
    """A handler group that records each update reaching the handlers (duplicates too)."""

    async def seen(update: Update, context: object) -> None:
        handled.append(update.update_id)

    return TypeHandler(Update, seen)


@pytest.fixture
async def instances(
    pg_url: DatabaseUrl, api: StandIn, clock: ManualClock
) -> AsyncIterator[tuple[Instance, Instance]]:
    assert pg_url.dsn is not None
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=pg_url.dsn, schedule_interval=300
    )
    a, b = Instance(settings, api, clock), Instance(settings, api, clock)
    await a.open()
    await b.open()
    yield a, b
    for instance in (a, b):
        await instance.stop()


async def _until(condition: Callable[[], object], timeout: float = 20) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def _settled(*instances: Instance) -> None:
    """Until every inbox item is handled and nothing is queued."""
    async with asyncio.timeout(20):
        while await instances[0].storage.inbox.waiting():
            await asyncio.sleep(0.01)
    for instance in instances:
        if instance.app.running:
            await instance.app.update_queue.join()


async def _ann_with_open_questions(instance: Instance, clock: ManualClock) -> date:
    """Ann, onboarded, with today's check-in open at the first of three questions."""
    storage = instance.storage
    now = clock.now()
    await add_due_users(storage, [ANN], now.replace(hour=23))
    day = now.date()
    steps = [NewStep("question", None, f"Vraag {n}?") for n in (1, 2, 3)]
    checkin = await add_checkin(storage, ANN, day, now, steps=steps)
    assert checkin is not None
    await storage.checkins.open_next_step(checkin.id, now)
    await storage.checkins.mark_delivered(checkin.id, now)
    return day


async def _answers(storage: Storage) -> list[str]:
    exported = await storage.history.export(ANN)
    return [a.text for c in exported for s in c.steps for a in s.answers]


async def test_one_users_updates_split_over_two_instances_are_handled_in_order_once(
    instances: tuple[Instance, Instance], api: StandIn, clock: ManualClock
):
    a, b = instances
    await b.start()  # a stores what it receives, but does not handle it yet
    await _ann_with_open_questions(a, clock)
    ann = api.user(ANN, "Ann")
    # Telegram sends the next update once the last one was answered 200, to either instance.
    assert await a.post(api.send_text(ann, "een")) == 200
    assert await b.post(api.send_text(ann, "twee")) == 200
    await _until(lambda: len(api.messages(ann)) >= 2)  # b asked questions 2 and 3
    await _settled(b)
    await a.start()
    assert await a.post(api.send_text(ann, "drie")) == 200
    await _settled(a, b)
    assert await _answers(a.storage) == ["een", "twee", "drie"]  # each on its own question
    assert len(api.messages(ann)) == 3  # questions 2 and 3, then the close: nothing twice
    assert await a.storage.inbox.waiting() == []


async def test_a_redelivery_to_the_other_instance_is_handled_once(
    instances: tuple[Instance, Instance], api: StandIn, clock: ManualClock
):
    a, b = instances
    await a.start()
    await b.start()
    await _ann_with_open_questions(a, clock)
    ann = api.user(ANN, "Ann")
    first = api.send_text(ann, "een")
    assert await a.post(first) == 200
    await _settled(a, b)
    assert await b.post(first) == 200  # a's 200 came late: Telegram sent it again, to b
    second = api.send_text(ann, "twee")
    # Sent again while the first delivery is still being handled, to both at once.
    assert await asyncio.gather(a.post(second), b.post(second)) == [200, 200]
    await _settled(a, b)
    assert await _answers(a.storage) == ["een", "twee"]
    assert sorted(a.handled + b.handled) == [first["update_id"], second["update_id"]]
    assert len(api.messages(ann)) == 2


async def test_today_waits_for_a_checkin_another_instance_is_starting(
    instances: tuple[Instance, Instance], api: StandIn, clock: ManualClock
):
    a, b = instances
    await b.start()
    now = clock.now()
    await add_due_users(a.storage, [ANN], now.replace(hour=23))
    ann = api.user(ANN, "Ann")
    user = await a.storage.users.get(ANN)
    assert user is not None
    services: Services = a.services
    async with runtime_of(a.app).user_lock(ANN):  # a's outbox is starting today's check-in
        assert await b.post(api.send_command(ann, "/today")) == 200
        await _until_waiting_for_the_turn(a.storage, api)
        checkins = service.Checkins.bound(services)
        day = local_today(services.clock, user.timezone)
        checkin = await service.create_checkin(checkins, user, day, "scheduled")
        await steps.deliver(checkins, a.app.bot, user, checkin)
    await _settled(a, b)
    intros = [m for m in api.messages(ann) if "Richtingsaanwijzer" in (m.text or "")]
    assert len(intros) == 1  # one check-in started; /today then asked its open question
    assert len(api.messages(ann)) == 2


async def _until_waiting_for_the_turn(storage: Storage, api: StandIn) -> None:
    """Until the other instance's /today waits for Ann's turn (a row a holds), saying nothing."""
    async with asyncio.timeout(20):
        while not await storage.inbox.waiting():
            await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)  # b's handling reached the turn and waits for it
    assert api.messages(ANN) == []
    rows = await storage.turns._db.fetch_all("SELECT name FROM turns")  # the test looks
    assert [row[0] for row in rows] == [f"user:{ANN}"]


async def test_the_guards_question_asked_by_one_instance_is_answered_through_the_other(
    instances: tuple[Instance, Instance], api: StandIn, clock: ManualClock
):
    a, b = instances
    await a.start()
    await b.start()
    await _ann_with_open_questions(a, clock)
    ann = api.user(ANN, "Ann")
    assert await a.post(api.send_text(ann, "Ik belde mevrouw Janssens op 0470 12 34 56")) == 200
    await _settled(a, b)
    assert await _answers(a.storage) == []  # held back: the guard asks first
    assert await b.post(api.press_button(ann, 0)) == 200  # the first choice: store it masked
    await _settled(a, b)
    [stored] = await _answers(a.storage)
    assert "0470" not in stored and "Ik belde" in stored
