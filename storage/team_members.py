"""Taking a person out of a team, alone or from all at once, inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True)
class Removal:
    """What removing a member did: who became admin, whether the team is gone."""

    removed: bool
    new_admin: int | None = None
    team_deleted: bool = False


async def remove_member(db: Database, team_id: int, user_id: int) -> Removal:
    """Take one person out of a team (inside a transaction): hand over or delete the team."""
    # Lock the team's row first (a no-op write): on PostgreSQL two members leaving at once from
    # two instances would each still see the other, so neither deleted the emptied team, or
    # the admin's successor left too and nobody was admin. Now the second waits for the first.
    await db.write("UPDATE teams SET id = id WHERE id = ?", (team_id,))
    removed = await db.write(
        "DELETE FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id)
    )
    if removed == 0:
        return Removal(removed=False)
    # Which digests went to them is about them too: it leaves with them.
    await db.write(
        "DELETE FROM outbox WHERE kind = 'team_digest' AND ref = ? AND user_id = ?",
        (team_id, user_id),
    )
    left = await db.fetch_all(
        "SELECT id, user_id, role FROM team_members WHERE team_id = ? ORDER BY joined_at, id",
        (team_id,),
    )
    if not left:
        await db.write("DELETE FROM teams WHERE id = ?", (team_id,))
        return Removal(removed=True, team_deleted=True)
    if any(row["role"] == "admin" for row in left):
        return Removal(removed=True)
    # The admin left: the longest-standing member takes over.
    await db.write("UPDATE team_members SET role = 'admin' WHERE id = ?", (left[0]["id"],))
    return Removal(removed=True, new_admin=left[0]["user_id"])


async def leave_all_teams(db: Database, user_id: int) -> None:
    """Take a person out of every team and forget their team traces (account deletion)."""
    rows = await db.fetch_all("SELECT team_id FROM team_members WHERE user_id = ?", (user_id,))
    for row in rows:
        await remove_member(db, row[0], user_id)
    await db.write("DELETE FROM team_throttle WHERE scope = 'code' AND subject = ?", (user_id,))
    await db.write("DELETE FROM team_link_requests WHERE user_id = ?", (user_id,))
