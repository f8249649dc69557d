"""The outbox under load and faults, end to end through the stand-in."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from standin import FakeUser
from tests.helpers import DUE_MONDAY, World, add_due_users, onboard

FAN_OUT = 250


async def _seed_due_users(world: World, count: int, first_id: int = 5000) -> list[int]:
    """Users that finished onboarding and whose check-in is due now."""
    ids = list(range(first_id, first_id + count))
    for user_id in ids:
        world.api.user(user_id, f"U{user_id}")
    await add_due_users(world.bot.services.storage, ids, world.clock.now())
    return ids


def _checkins(world: World) -> Counter[int]:
    return Counter(
        c.params["chat_id"]
        for c in world.api.calls_to("sendMessage")
        if c.error is None and "Richtingsaanwijzer" in str(c.params.get("text", ""))
    )


@pytest.mark.slow
async def test_fan_out_under_telegrams_limits_with_replies_going_first(world: World):
    world.api.rate_limit(global_per_second=30, per_chat_per_second=1.0)
    ann: FakeUser = world.api.user(1001, "Ann")
    await onboard(world, ann)
    world.clock.set(DUE_MONDAY - timedelta(hours=1))  # Ann's own check-in is not due yet
    ids = await _seed_due_users(world, FAN_OUT)
    fan_out = asyncio.create_task(world.bot.run_schedule())
    await world.api.wait_for(lambda c: len(_checkins(world)) >= 30, timeout=30)
    asked_at = world.api.monotonic()
    world.api.send_text(ann, "/help")
    await world.bot.settle()
    sent = await fan_out
    assert sent == FAN_OUT
    counts = _checkins(world)
    assert sorted(counts) == ids and set(counts.values()) == {1}  # exactly one each
    assert world.api.stats.ignored_retry_after == 0  # no 429 was ignored
    # The reply to Ann jumped the queue: few fan-out sends went out between her message and
    # the answer, while many were still waiting behind it.
    reply = next(
        c
        for c in world.api.calls_to("sendMessage")
        if c.params["chat_id"] == ann.id and c.received >= asked_at
    )
    bulk = [
        c
        for c in world.api.calls_to("sendMessage")
        if c.params["chat_id"] != ann.id and c.error is None
    ]
    between = [c for c in bulk if asked_at <= c.received <= reply.received]
    after = [c for c in bulk if c.received > reply.received]
    # At 25 a second, under half a second's worth of fan-out went before the reply.
    assert len(between) <= 10 and len(after) >= 30


@pytest.mark.slow
async def test_a_429_is_obeyed_and_nothing_is_dropped(world: World):
    ids = await _seed_due_users(world, 20)
    world.api.fail_next("sendMessage", 429, retry_after=1, count=2)
    assert await world.bot.run_schedule() == 20
    assert sorted(_checkins(world)) == ids
    assert world.api.stats.ignored_retry_after == 0
    assert world.bot.application.bot.rate_limiter.stats.retry_after_received == 2


async def test_blocked_and_vanished_chats_are_marked_inactive_and_left_alone(world: World):
    ids = await _seed_due_users(world, 5)
    world.api.fail_chat(ids[0], 403)
    world.api.fail_chat(ids[1], 400, "Bad Request: chat not found")
    assert await world.bot.run_schedule() == 3
    storage = world.bot.services.storage
    assert [(await storage.users.get(i)).active for i in ids] == [False, False, True, True, True]
    states = Counter(i.state for i in await storage.outbox.items("checkin"))
    assert states == {"sent": 3, "dropped": 2}
    # The next day nothing is queued for them; a message from them makes them active again.
    world.clock.advance(timedelta(days=1))
    await world.bot.run_schedule()
    assert len(await storage.outbox.items("checkin")) == 2 + 3 * 2 - 3  # 2 old + 3 new
    world.api.clear_faults()
    vanished = world.api.user(ids[0])
    await world.say(vanished, "/start")
    assert (await storage.users.get(ids[0])).active


@pytest.mark.slow
async def test_a_timed_out_send_is_recorded_as_ambiguous_not_repeated(world: World):
    ids = await _seed_due_users(world, 1)
    world.api.time_out_next("sendMessage", after=8.0, delivered=True)
    assert await world.bot.run_schedule() == 1
    [item] = await world.bot.services.storage.outbox.items("checkin")
    assert item.state == "sent"
    health = await world.bot.services.storage.outbox.health()
    assert health.ambiguous == 1
    assert sorted(_checkins(world)) == ids  # it did arrive, once


async def test_a_redelivered_update_is_handled_once(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    update = world.api.send_text(ann, "Een antwoord")
    await world.bot.settle()
    before = len(world.api.messages(ann))
    world.api.push_raw(dict(update))  # the same update_id again, as after a restart
    await world.bot.settle()
    assert len(world.api.messages(ann)) == before
    assert await world.bot.services.storage.checkins.count_answers(ann.id) == 1


async def test_one_users_updates_are_handled_in_order(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 3")
    await world.say(ann, "/today")
    for text in ("een", "twee", "drie"):
        world.api.send_text(ann, text)  # in quick succession, no waiting
    await world.bot.settle()
    days = await world.bot.services.storage.history.history(ann.id)
    assert [q.answers[0] for q in days[0].questions] == ["een", "twee", "drie"]
