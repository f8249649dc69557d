"""Taking a person out of a team, alone or from all at once, inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class Removal:
    """What removing a member did: who became admin, whether the team is gone."""

    removed: bool
    new_admin: int | None = None
    team_deleted: bool = False


async def remove_member(conn: aiosqlite.Connection, team_id: int, user_id: int) -> Removal:
    """Take one person out of a team (inside a transaction): hand over or delete the team."""
    cursor = await conn.execute(
        "DELETE FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id)
    )
    if cursor.rowcount == 0:
        return Removal(removed=False)
    # Which digests went to them is about them too: it leaves with them.
    await conn.execute(
        "DELETE FROM outbox WHERE kind = 'team_digest' AND ref = ? AND user_id = ?",
        (team_id, user_id),
    )
    async with conn.execute(
        "SELECT id, user_id, role FROM team_members WHERE team_id = ? ORDER BY joined_at, id",
        (team_id,),
    ) as rows:
        left = list(await rows.fetchall())
    if not left:
        await conn.execute("DELETE FROM teams WHERE id = ?", (team_id,))
        return Removal(removed=True, team_deleted=True)
    if any(row["role"] == "admin" for row in left):
        return Removal(removed=True)
    # The admin left: the longest-standing member takes over.
    await conn.execute("UPDATE team_members SET role = 'admin' WHERE id = ?", (left[0]["id"],))
    return Removal(removed=True, new_admin=left[0]["user_id"])


async def leave_all_teams(conn: aiosqlite.Connection, user_id: int) -> None:
    """Take a person out of every team and forget their team traces (account deletion)."""
    async with conn.execute(
        "SELECT team_id FROM team_members WHERE user_id = ?", (user_id,)
    ) as rows:
        team_ids = [row[0] for row in await rows.fetchall()]
    for team_id in team_ids:
        await remove_member(conn, team_id, user_id)
    await conn.execute("DELETE FROM team_throttle WHERE scope = 'code' AND subject = ?", (user_id,))
    await conn.execute("DELETE FROM team_link_requests WHERE user_id = ?", (user_id,))
