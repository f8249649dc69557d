"""The team repositories on both engines: membership, hand-over, erase, weeks, limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.teams.codes import code_hash
from storage import NewOutboxItem, NewStep, Storage, TeamWeek
from tests.helpers import add_checkin, add_user
from tests.storage.schema import table_names

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WEEK_START = datetime(2026, 3, 1, 23, 0, tzinfo=UTC)  # Monday 2 March, 00:00 Brussels
WEEK_END = WEEK_START + timedelta(days=7)


@pytest.fixture
async def storage(database_url):
    store = await Storage.open(database_url)
    yield store
    await store.close()


async def _users(storage: Storage, *ids: int) -> None:
    for user_id in ids:
        await add_user(storage, user_id, NOW)


async def _team(storage: Storage, admin: int = 1, code: str = "code-of-team-one", limit: int = 5):
    return await storage.teams.create(
        name="Team Noord",
        code_hash=code_hash(code),
        timezone="Europe/Brussels",
        language="nl",
        admin_id=admin,
        admin_name=f"User {admin}",
        now=NOW,
        next_digest_at=NOW + timedelta(days=7),
        limit=limit,
    )


async def test_the_migration_creates_the_team_tables(storage):
    tables = await table_names(storage._db)
    assert {"teams", "team_members", "team_weeks", "pause_periods"} <= tables
    assert {"team_pending", "team_throttle"} <= tables


async def test_only_the_hash_of_a_code_is_stored_and_found(storage):
    await _users(storage, 1)
    team = await _team(storage)
    assert team is not None
    assert (await storage.teams.by_code(code_hash("code-of-team-one"))).id == team.id
    assert await storage.teams.by_code(code_hash("code-of-team-two")) is None
    row = await storage._db.fetch_one("SELECT * FROM teams")
    assert "code-of-team-one" not in [str(v) for v in tuple(row)]


async def test_join_once_and_at_most_five_teams(storage):
    await _users(storage, 1, 2)
    teams = [await _team(storage, 1, f"code-number-{i}") for i in range(5)]
    assert await _team(storage, 1, "code-number-6") is None  # the admin's sixth
    first = teams[0]
    assert await storage.teams.add_member(first.id, 2, "Bob", NOW, 5) == "joined"
    assert await storage.teams.add_member(first.id, 2, "Bob", NOW, 5) == "already"
    for team in teams[1:]:
        assert await storage.teams.add_member(team.id, 2, "Bob", NOW, 5) == "joined"
    extra = await _team(storage, 2, "code-number-7", limit=6)
    assert extra is not None
    await _users(storage, 3)
    await storage.teams.add_member(extra.id, 3, "Cem", NOW, 5)
    assert await storage.teams.add_member(extra.id, 1, "Ann", NOW, 5) == "full"


async def test_the_longest_standing_member_takes_over_and_an_empty_team_goes(storage):
    await _users(storage, 1, 2, 3)
    team = await _team(storage)
    await storage.teams.add_member(team.id, 3, "Cem", NOW + timedelta(hours=1), 5)
    await storage.teams.add_member(team.id, 2, "Bob", NOW + timedelta(hours=2), 5)
    removal = await storage.teams.remove(team.id, 1)
    assert removal.new_admin == 3 and not removal.team_deleted
    assert [m.user_id for m in await storage.teams.members(team.id) if m.is_admin] == [3]
    assert (await storage.teams.remove(team.id, 1)).removed is False
    await storage.teams.remove(team.id, 3)
    removal = await storage.teams.remove(team.id, 2)
    assert removal.team_deleted
    assert await storage.teams.get(team.id) is None


async def test_hand_over_needs_the_admin_and_a_member(storage):
    await _users(storage, 1, 2, 3)
    team = await _team(storage)
    await storage.teams.add_member(team.id, 2, "Bob", NOW, 5)
    assert not await storage.teams.hand_over(team.id, 2, 1)  # Bob is not the admin
    assert not await storage.teams.hand_over(team.id, 1, 3)  # Cem is not in the team
    assert await storage.teams.hand_over(team.id, 1, 2)
    roles = {m.user_id: m.role for m in await storage.teams.members(team.id)}
    assert roles == {1: "member", 2: "admin"}


async def test_deleting_an_account_takes_the_person_out_of_every_team(storage):
    await _users(storage, 1, 2)
    shared, alone = await _team(storage, 1, "code-number-1"), await _team(storage, 1, "code-2-x")
    await storage.teams.add_member(shared.id, 2, "Bob", NOW + timedelta(minutes=1), 5)
    digest = NewOutboxItem("team_digest", 1, "2026-03-02", NOW, 1, shared.id)
    await storage.outbox.enqueue([digest], NOW)
    await storage.team_guard.record("code", 1, NOW, NOW - timedelta(minutes=10))
    assert await storage.users.delete(1)
    assert await storage.teams.get(alone.id) is None
    [bob] = await storage.teams.members(shared.id)
    assert bob.user_id == 2 and bob.is_admin
    assert await storage.teams.teams_of(1) == []
    for table in ("outbox", "team_throttle", "pause_periods"):
        assert (await storage._db.fetch_one(f"SELECT COUNT(*) FROM {table}"))[0] == 0, table


async def test_reflection_moments_are_answered_steps_only_and_carry_no_content(storage):
    await _users(storage, 1, 2)
    team = await _team(storage)
    await storage.teams.add_member(team.id, 2, "Bob", NOW, 5)
    checkin = await add_checkin(
        storage, 1, date(2026, 3, 2), NOW, steps=[NewStep("energy"), NewStep("boundaries")]
    )
    energy = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.close_step(energy.id, state="answered", score=2, now=NOW)
    boundaries = await storage.checkins.open_next_step(checkin.id, NOW)
    await storage.checkins.close_step(boundaries.id, state="skipped", now=NOW)
    moments = await storage.team_weeks.reflection_moments(team.id, WEEK_START, WEEK_END)
    assert moments == {1: [NOW]}
    assert (
        await storage.team_weeks.reflection_moments(team.id, WEEK_END, WEEK_END + timedelta(days=7))
        == {}
    )


async def test_pause_periods_overlap_weeks_and_settled_weeks_are_written_once(storage):
    await _users(storage, 1, 2)
    team = await _team(storage)
    await storage.teams.add_member(team.id, 2, "Bob", NOW, 5)
    await storage.pauses.start(2, WEEK_START - timedelta(days=3), WEEK_START + timedelta(days=1))
    weeks = storage.team_weeks
    assert await weeks.paused_members(team.id, WEEK_START, WEEK_END) == {2}
    assert await weeks.paused_members(team.id, WEEK_END, WEEK_END + timedelta(days=7)) == set()
    await storage.pauses.start(1, WEEK_END, None)
    await storage.pauses.end(1, WEEK_END + timedelta(days=2))
    [period] = await storage.pauses.periods(1)
    assert period.ended_at == WEEK_END + timedelta(days=2)
    week = TeamWeek(date(2026, 3, 2), "met", 2, 2, 0)
    assert await weeks.settle(team.id, week, NOW)
    assert not await weeks.settle(team.id, TeamWeek(date(2026, 3, 2), "missed", 0, 2, 0), NOW)
    assert await weeks.weeks(team.id) == [week]


async def test_throttle_counts_recent_events_and_pending_is_used_once(storage):
    await _users(storage, 1)
    guard, window = storage.team_guard, timedelta(minutes=10)
    for minute in range(6):
        moment = NOW + timedelta(minutes=minute)
        await guard.record("code", 1, moment, moment - window)
    assert await guard.recent("code", 1, NOW + timedelta(minutes=5) - window) == 6
    assert await guard.recent("code", 1, NOW + timedelta(minutes=12) - window) == 4
    assert await guard.recent("code", 2, NOW - window) == 0
    await guard.set_pending(1, "rename", "Team Zuid", NOW)
    assert await guard.take_pending(1, "link", NOW) is None
    assert await guard.take_pending(1, "rename", NOW - timedelta(hours=1)) == "Team Zuid"
    assert await guard.take_pending(1, "rename", NOW - timedelta(hours=1)) is None
    await guard.set_pending(1, "rename", "Oud", NOW)
    assert await guard.take_pending(1, "rename", NOW + timedelta(minutes=1)) is None  # too old


async def test_link_requests_are_per_group_used_once_and_only_by_who_asked(storage):
    await _users(storage, 1, 2)
    guard, hour = storage.team_guard, timedelta(hours=1)
    koffie = await guard.request_link(1, -1001, NOW)
    keuken = await guard.request_link(1, -1002, NOW)
    assert koffie != keuken and await guard.request_link(1, -1001, NOW) == koffie
    assert await guard.take_link(koffie, 2, NOW - hour) is None  # not Bob's request
    assert await guard.take_link(keuken, 1, NOW - hour) == -1002
    assert await guard.take_link(keuken, 1, NOW - hour) is None  # used up
    assert await guard.take_link(koffie, 1, NOW + timedelta(minutes=1)) is None  # too old
    assert await guard.take_link(koffie, 1, NOW - hour) is None  # and gone
