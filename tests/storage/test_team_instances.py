"""Leaving a team from two instances at once: the team is never left empty, or without admin."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from storage import Storage
from storage.url import DatabaseUrl
from tests.helpers import add_due_users

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
ROUNDS = 15  # the race is narrow: try it often


async def _team(storage: Storage, members: list[int]) -> int:
    await add_due_users(storage, members, NOW + timedelta(days=1))
    team = await storage.teams.create(
        name="Team",
        code_hash=f"code-{members[0]}",
        timezone="Europe/Brussels",
        language="nl",
        admin_id=members[0],
        admin_name=f"U{members[0]}",
        now=NOW,
        next_digest_at=NOW + timedelta(days=4),
        limit=10,
    )
    assert team is not None
    for n, user_id in enumerate(members[1:], start=1):
        joined = NOW + timedelta(minutes=n)
        assert await storage.teams.add_member(team.id, user_id, f"U{user_id}", joined, 10)
    return team.id


async def test_the_last_two_leaving_at_once_leave_no_empty_team(database_url: DatabaseUrl):
    a, b = await Storage.open(database_url), await Storage.open(database_url)
    try:
        for n in range(ROUNDS):
            first, second = 100 * n + 1, 100 * n + 2
            team_id = await _team(a, [first, second])
            await asyncio.gather(a.teams.remove(team_id, first), b.teams.remove(team_id, second))
            assert await a.teams.get(team_id) is None, f"round {n}: an empty team lingers"
    finally:
        await a.close()
        await b.close()


async def test_the_admin_and_the_next_in_line_leaving_at_once_leave_an_admin(
    database_url: DatabaseUrl,
):
    a, b = await Storage.open(database_url), await Storage.open(database_url)
    try:
        for n in range(ROUNDS):
            admin, next_in_line, last = 100 * n + 1, 100 * n + 2, 100 * n + 3
            team_id = await _team(a, [admin, next_in_line, last])
            await asyncio.gather(
                a.teams.remove(team_id, admin), b.teams.remove(team_id, next_in_line)
            )
            members = await a.teams.members(team_id)
            assert [(m.user_id, m.role) for m in members] == [(last, "admin")], f"round {n}"
    finally:
        await a.close()
        await b.close()
