"""Fault injection in the Bot API stand-in, seen through python-telegram-bot's real client."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from standin import BotApiSpec, StandIn

SPEC = BotApiSpec.from_file(Path(__file__).resolve().parents[1] / "botapi" / "api.json")


class Ticks:
    """A monotonic clock moved by hand, so token buckets and retry_after are exact."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
async def api(ticks: Ticks) -> AsyncIterator[StandIn]:
    async with StandIn(spec=SPEC, monotonic=ticks) as api:
        api.user(1001, "Ann")
        api.user(1002, "Bob")
        api.user(1003, "Cas")
        yield api
        assert api.spec_violations == []


@pytest.fixture
async def bot(api: StandIn) -> AsyncIterator[Bot]:
    async with Bot(token=api.token, base_url=api.base_url) as bot:
        yield bot


async def retry_after_of(send: Awaitable[object]) -> int:
    """The whole seconds of the RetryAfter a send raises."""
    with pytest.raises(RetryAfter) as caught:
        await send
    delay = caught.value.retry_after
    assert isinstance(delay, dtm.timedelta)
    return int(delay.total_seconds())


# -- slow answers and timeouts -------------------------------------------------------------------


async def test_a_slow_answer_is_overtaken_by_a_fast_one(api: StandIn, bot: Bot) -> None:
    api.slow("sendMessage", 0.3, count=1)
    slow = asyncio.create_task(bot.send_message(1001, "slow"))
    await api.wait_for(lambda c: c.method == "sendMessage")
    await bot.get_me()
    await slow
    await bot.send_message(1001, "fast again")  # count=1: used up
    send, me = api.calls_to("sendMessage"), api.calls_to("getMe")[-1:]
    # Ordering, not wall-clock bounds: getMe came in after the send and was answered before it.
    assert send[0].received <= me[0].received
    assert me[0].answered is not None and send[0].answered is not None
    assert me[0].answered <= send[0].answered
    assert [m.text for m in api.messages(1001)] == ["slow", "fast again"]


async def test_slow_every_method_until_cleared(api: StandIn, bot: Bot) -> None:
    api.stats.calls.clear()  # Bot's start-up getMe
    api.slow(None, 0.05)
    await bot.get_me()
    await bot.send_message(1001, "hi")
    api.clear_faults()
    await bot.get_me()
    assert api.stats.calls == {"getMe": 2, "sendMessage": 1}
    assert all(c.answered is not None and c.received <= c.answered for c in api.calls)


async def test_a_client_giving_up_on_a_slow_call_leaves_nothing_sent(
    api: StandIn, bot: Bot
) -> None:
    api.slow("sendMessage", 5)
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "never", read_timeout=0.2)
    call = await api.wait_for(lambda c: c.hung_up)
    assert (call.method, call.answered, call.error) == ("sendMessage", None, None)
    assert api.messages(1001) == [] and api.stats.hung_up == 1


async def test_a_timeout_after_delivery_is_ambiguous(api: StandIn, bot: Bot) -> None:
    api.time_out_next("sendMessage", after=5)
    with pytest.raises(TimedOut):
        await bot.send_message(1001, "did it arrive?", read_timeout=0.2)
    # The bot saw TimedOut, yet the message is in the chat: Telegram's ambiguous timeout.
    assert [m.text for m in api.messages(1001)] == ["did it arrive?"]
    call = await api.wait_for(lambda c: c.hung_up)
    assert call.error is None and call.answered is None
    await bot.send_message(1001, "next", read_timeout=0.2)  # count=1: only one timed out
    assert len(api.messages(1001)) == 2


@pytest.mark.slow
async def test_a_timeout_before_delivery_sends_nothing(api: StandIn, bot: Bot) -> None:
    api.time_out_next("sendMessage", count=2, after=5, delivered=False)
    for _ in range(2):
        with pytest.raises(TimedOut):
            await bot.send_message(1001, "lost", read_timeout=0.2)
    await bot.send_message(1001, "kept")
    assert [m.text for m in api.messages(1001)] == ["kept"]


async def test_a_timeout_the_client_outwaits_is_just_slow(api: StandIn, bot: Bot) -> None:
    api.time_out_next("sendMessage", after=0.1)
    await bot.send_message(1001, "late but fine", read_timeout=5)
    (call,) = api.calls_to("sendMessage")
    assert not call.hung_up and call.answered is not None


# -- error answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [500, 502, 503, 504])
async def test_server_errors_are_network_errors(api: StandIn, bot: Bot, code: int) -> None:
    api.fail_next("sendMessage", code, count=3)
    for _ in range(3):
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(1001, "hi")
        assert not isinstance(caught.value, TimedOut)
    await bot.send_message(1001, "hi")
    assert [c.error_code for c in api.calls_to("sendMessage")] == [code, code, code, None]
    assert api.stats.errors == {code: 3}


async def test_a_failing_chat_fails_every_call_for_it_only(api: StandIn, bot: Bot) -> None:
    api.fail_chat(1001)  # 403 blocked
    api.fail_chat(1002, 400)  # chat not found
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "hi")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(1001, "typing")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(1002, "hi")
    await bot.send_message(1003, "hi")
    api.clear_faults()
    await bot.send_message(1001, "back")
    assert [len(api.messages(c)) for c in (1001, 1002, 1003)] == [1, 0, 1]


async def test_a_failing_chat_with_a_count_and_a_description(api: StandIn, bot: Bot) -> None:
    api.fail_chat(1001, 403, "Forbidden: user is deactivated", count=1)
    with pytest.raises(Forbidden, match="deactivated"):
        await bot.send_message(1001, "hi")
    await bot.send_message(1001, "hi")


# -- rate limits ---------------------------------------------------------------------------------


async def test_a_private_chat_gets_a_burst_then_one_a_second(
    api: StandIn, bot: Bot, ticks: Ticks
) -> None:
    api.rate_limit(global_per_second=None, per_chat_per_second=1, burst=2)
    await bot.send_message(1001, "1")
    await bot.send_message(1001, "2")
    assert await retry_after_of(bot.send_message(1001, "3")) == 1
    await bot.send_message(1002, "other chats are not held back")
    ticks.advance(1.0)
    await bot.send_message(1001, "3")
    assert [m.text for m in api.messages(1001)] == ["1", "2", "3"]
    assert (api.stats.too_many_requests, api.stats.ignored_retry_after) == (1, 0)


async def test_edits_count_and_callback_answers_do_not(api: StandIn, bot: Bot) -> None:
    api.rate_limit(global_per_second=None, per_chat_per_second=1, burst=1)
    sent = await bot.send_message(1001, "pick")
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("picked", chat_id=1001, message_id=sent.message_id)
    for _ in range(5):  # unlimited: Telegram documents no limit on these
        await bot.get_me()
        await bot.send_chat_action(1001, "typing")
    assert api.stats.errors == {429: 1}


async def test_the_global_bucket_limits_across_chats(api: StandIn, bot: Bot, ticks: Ticks) -> None:
    for chat_id in range(2001, 2010):
        api.user(chat_id)
    api.rate_limit(global_per_second=5, per_chat_per_second=None)
    for chat_id in range(2001, 2006):
        await bot.send_message(chat_id, "bulk")
    assert await retry_after_of(bot.send_message(2006, "bulk")) == 1
    ticks.advance(0.2)  # one token back after 1/5 s, but the bot was told to wait 1 s
    await bot.send_message(2007, "too early")
    assert api.stats.ignored_retry_after == 1
    assert api.stats.ignored[0].scope == "global"
    assert api.stats.ignored[0].early_by == pytest.approx(0.8)


async def test_a_group_gets_twenty_a_minute(api: StandIn, bot: Bot, ticks: Ticks) -> None:
    api.group(-500, "Team")
    api.rate_limit(burst=3)
    for _ in range(3):
        await bot.send_message(-500, "team")
    assert await retry_after_of(bot.send_message(-500, "team")) == 3  # one per 3 s
    ticks.advance(3)
    await bot.send_message(-500, "team")


async def test_retrying_too_early_is_counted(api: StandIn, bot: Bot, ticks: Ticks) -> None:
    api.rate_limit(global_per_second=None, per_chat_per_second=0.5, burst=1)
    await bot.send_message(1001, "1")
    assert await retry_after_of(bot.send_message(1001, "2")) == 2
    ticks.advance(0.01)  # a call this close to the 429 may have been on its way already
    await retry_after_of(bot.send_message(1001, "2"))
    assert api.stats.ignored_retry_after == 0
    ticks.advance(1.0)  # well past the grace, still before the 2 s
    await retry_after_of(bot.send_message(1001, "2"))
    assert api.stats.ignored_retry_after == 1
    assert api.stats.ignored[0].method == "sendMessage"
    assert api.stats.ignored[0].scope == "chat 1001"
    ticks.advance(2.0)  # the last 429 said 1 s: now everything has run out
    await bot.send_message(1001, "2")
    await bot.send_message(1002, "never held back")
    assert api.stats.ignored_retry_after == 1 and api.stats.too_many_requests == 3


async def test_waiting_as_asked_is_not_counted(api: StandIn, bot: Bot, ticks: Ticks) -> None:
    api.rate_limit(global_per_second=None, per_chat_per_second=1, burst=1)
    for text in ("1", "2", "3"):
        try:
            await bot.send_message(1001, text)
        except RetryAfter as exc:
            assert isinstance(exc.retry_after, dtm.timedelta)
            ticks.advance(exc.retry_after.total_seconds())
            await bot.send_message(1001, text)
    assert [m.text for m in api.messages(1001)] == ["1", "2", "3"]
    assert api.stats.too_many_requests == 2 and api.stats.ignored_retry_after == 0


async def test_an_injected_429_is_watched_for_its_chat(
    api: StandIn, bot: Bot, ticks: Ticks
) -> None:
    api.fail_next("sendMessage", 429, retry_after=5)
    assert await retry_after_of(bot.send_message(1001, "hi")) == 5
    ticks.advance(1)
    await bot.send_message(1002, "another chat may go on")
    await bot.send_message(1001, "too early")
    assert [i.scope for i in api.stats.ignored] == ["chat 1001"]


async def test_clear_faults_lifts_the_rate_limit(api: StandIn, bot: Bot) -> None:
    api.rate_limit(global_per_second=1, per_chat_per_second=None)
    await bot.send_message(1001, "1")
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "2")
    api.clear_faults()
    for text in ("2", "3", "4"):
        await bot.send_message(1001, text)
    assert len(api.messages(1001)) == 4


@pytest.mark.slow
async def test_on_real_time_a_client_that_waits_gets_through() -> None:
    async with StandIn(spec=SPEC) as api:  # the default clock: time.monotonic
        api.user(1001)
        api.rate_limit(per_chat_per_second=1, burst=1)
        async with Bot(token=api.token, base_url=api.base_url) as bot:
            await bot.send_message(1001, "1")
            try:
                await bot.send_message(1001, "2")
            except RetryAfter as exc:
                assert isinstance(exc.retry_after, dtm.timedelta)
                await asyncio.sleep(exc.retry_after.total_seconds())
                await bot.send_message(1001, "2")
        assert [m.text for m in api.messages(1001)] == ["1", "2"]
        assert api.stats.ignored_retry_after == 0
