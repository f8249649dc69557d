"""The teams' scheduled kind: the weekly digest, per team (bot/teams/digest.py settles and
queues it, the dialog delivers it)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.kinds import ScheduledKind
from bot.teams import dialog, digest
from storage import Team

TEAM_DIGEST = ScheduledKind[Team](
    name=digest.KIND,
    field="next_digest_at",
    next_moment=digest.next_moment,
    period_key=digest.period_key,  # the week that ended
    # Still sensible a few days late; later ones are skipped, their weeks settled all the same.
    grace=timedelta(days=3),
    deliver=dialog.deliver_digest,
    due=digest.due,  # due per team, not per user: it goes to every member and the group
)
KINDS = (TEAM_DIGEST,)
