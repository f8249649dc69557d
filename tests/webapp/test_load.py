"""The Mini App under a heavy or odd user: the bot keeps answering everyone else.

Ann has 5,000 answers (ten years of daily check-ins) and replays one signed launch 20 times
at once, over and over; meanwhile Bob's /help goes through the stand-in as usual. Views are
built off the event loop, one user's requests wait on each other, a replayed launch beyond a
small rate gets a kind 429, "since the start" stays small, and odd inputs get a 4xx.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from random import Random

import aiohttp
import pytest

from bot.webapp import data as webapp_data
from bot.webapp.init_data import sign
from storage.engine import open_engine
from tests.helpers import World, add_user, onboard
from tests.webapp.conftest import page_url, signed

ANN, BOB = 1001, 2002
WORDS = (
    "cliënt", "gesprek", "vertrouwen", "grens", "team", "collega", "verhaal", "plan", "koffie",
    "tijd", "rust", "luisteren", "afstemming", "moeder", "school", "huis", "afspraak", "morgen",
)  # fmt: skip
BASE_ID = 5_000_000  # above anything the bot's own inserts reach in a test


async def seed_history(world: World, user_id: int, answers: int, last_day: date) -> None:
    """`answers` answers (two a day, both scales), every day up to `last_day`, in bulk."""
    stamp = datetime.now(UTC).isoformat()
    rng = Random(user_id)
    checkins, steps, texts = [], [], []
    days = answers // 2
    for i in range(days):
        day = last_day - timedelta(days=days - 1 - i)
        checkin = BASE_ID + i
        checkins.append(
            (checkin, user_id, day.isoformat(), i % 10 + 1, "s1.p-0", "Een prompt", "scheduled",
             stamp)
        )  # fmt: skip
        for position, kind in enumerate(("question", "question", "energy", "boundaries")):
            step = BASE_ID + 4 * i + position
            question = f"Vraag {position + 1}?" if kind == "question" else None
            score = rng.randint(1, 5) if kind != "question" else None
            steps.append((step, checkin, position + 1, kind, question, "answered", score, stamp))
            if kind == "question":
                text = " ".join(rng.choices(WORDS, k=rng.randint(20, 45)))
                texts.append((BASE_ID + 2 * i + position, step, user_id, step, text, stamp))
    db = await open_engine(world.database)
    try:
        async with db.transaction():
            await db.write_many(
                "INSERT INTO checkins (id, user_id, local_date, signpost, prompt_id, prompt_text,"
                " trigger, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                checkins,
            )
            await db.write_many(
                "INSERT INTO checkin_steps (id, checkin_id, position, kind, question_text, state,"
                " score, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                steps,
            )
            await db.write_many(
                "INSERT INTO answers (id, step_id, user_id, message_id, text, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                texts,
            )
    finally:
        await db.close()


async def _ann_with_history(world: World, answers: int) -> date:
    """Ann, onboarded in storage, with `answers` answers up to today; returns today."""
    today = world.clock.now().date()
    storage = world.bot.services.storage
    await add_user(storage, ANN, world.clock.now(), step="days")
    await storage.users.update(ANN, world.clock.now(), onboarding_step=None)
    await seed_history(world, ANN, answers, today)
    return today


async def _get(http: aiohttp.ClientSession, url: str, launch: str) -> tuple[int, bytes]:
    async with http.get(url, headers={"Authorization": "tma " + launch}) as response:
        return response.status, await response.read()


@pytest.mark.slow
async def test_a_5000_answer_user_hammering_the_mini_app_does_not_hold_up_another_users_help(
    webapp_world: World, monkeypatch: pytest.MonkeyPatch
):
    world = webapp_world
    bob = world.api.user(BOB, "Bob")
    await onboard(world, bob)
    await _ann_with_history(world, 5000)
    url = page_url(world) + "data?level=all"
    loop_thread = threading.get_ident()
    built_on: list[bool] = []  # per view built: was it on the event loop's thread?
    build = webapp_data.build_period

    def recording_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        built_on.append(threading.get_ident() == loop_thread)
        return build(*args, **kwargs)

    monkeypatch.setattr(webapp_data, "build_period", recording_build)

    stop = asyncio.Event()
    statuses: list[int] = []

    async def hammer() -> None:
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                # One signed launch, replayed 20 times at once (as the fault battery did).
                launch = signed(world, ANN)
                results = await asyncio.gather(*(_get(http, url, launch) for _ in range(20)))
                statuses.extend(status for status, _ in results)

    hammering = asyncio.create_task(hammer())
    try:
        await asyncio.sleep(0.5)  # the hammer is going
        latencies = []
        for _ in range(20):
            count = len(world.api.messages(bob))
            started = time.perf_counter()
            world.api.send_text(bob, "/help")
            try:
                await world.api.wait_for_messages(bob, count + 1, timeout=5)
            except TimeoutError:  # held up for seconds: no need to wait for more
                latencies.append(5000.0)
                break
            latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await hammering
    latencies.sort()
    assert built_on and not any(built_on), "a Mini App view was built on the event loop"
    assert 200 in statuses
    assert set(statuses) <= {200, 429}, sorted(set(statuses))
    # Not a timing test (machines are noisy: CI saw 227 ms once): the views are off the loop
    # (above), and this only tells "held up" from "noisy". Before, /help waited 18-23 s; the
    # p99 under 200 ms is measured in benchmarks/webapp_load.py.
    assert latencies[-1] < 2000, f"/help took up to {latencies[-1]:.0f} ms: {latencies}"


async def test_since_the_start_stays_small_for_a_year_and_for_ten(webapp_world: World):
    world = webapp_world
    await _ann_with_history(world, 5000)
    async with aiohttp.ClientSession() as http:
        status, body = await _get(http, page_url(world) + "data?level=all", signed(world, ANN))
        assert status == 200
        assert len(body) < 200_000, f"ten years since the start is {len(body)} bytes"
        view = json.loads(body)["view"]
        # The newest words are all there; the rest are a zoom away, and the page says how many.
        newest = max(q["date"] for q in view["quotes"])
        assert newest == world.clock.now().date().isoformat()
        assert view["answers"] == 5000 and view["older"] > 0
        # A year, zoomed to a season of it: well under the bound as well.
        status, body = await _get(http, page_url(world) + "data?level=season", signed(world, ANN))
        assert status == 200 and len(body) < 200_000


async def test_a_replayed_launch_beyond_a_small_rate_gets_a_kind_429(webapp_world: World):
    world = webapp_world
    await _ann_with_history(world, 20)
    url = page_url(world) + "data?level=week"
    launch = signed(world, ANN)
    async with aiohttp.ClientSession() as http:
        results = [await _get(http, url, launch) for _ in range(40)]
        refused = [body for status, body in results if status == 429]
        assert [status for status, _ in results[:5]] == [200] * 5  # a page's worth of taps
        assert len(refused) >= 20
        message = json.loads(refused[0])
        assert message["error"] == "busy" and "opnieuw" in message["message"]
        # A fresh launch (a new signature) is its own: it is served. Its auth_date is whole
        # seconds, so one second apart could sign the very same launch on a slow run.
        status, _ = await _get(http, url, signed(world, ANN, age=120))
        assert status == 200


async def test_odd_inputs_get_a_4xx_never_a_500(webapp_world: World):
    world = webapp_world
    await _ann_with_history(world, 20)
    page = page_url(world)
    launch = signed(world, ANN)
    huge = json.dumps({"id": 2**63, "first_name": "X"})
    too_big = sign({"auth_date": str(int(time.time())), "user": huge}, world.api.token)
    negative = sign(
        {"auth_date": str(int(time.time())), "user": json.dumps({"id": -(2**63) - 1})},
        world.api.token,
    )
    asks = [
        ("data?level=week&at=0001-01-01", launch),
        ("data?level=all&at=0001-01-01", launch),
        ("data?level=day&at=0001-01-01", launch),
        ("data?level=season&at=0001-01-07", launch),
        ("data?level=weeks&at=9999-12-31", launch),
        ("data?level=week&at=2026-02-30", launch),
        ("data?level=week&at=" + "9" * 5000, launch),
        ("data?level=week", too_big),
        ("data?level=week", negative),
    ]
    async with aiohttp.ClientSession() as http:
        for path, init_data in asks:
            status, body = await _get(http, page + path, init_data)
            assert 200 <= status < 500, (path, status, body[:200])
            assert b"Traceback" not in body
