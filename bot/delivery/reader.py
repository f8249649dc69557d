"""The periodic schedule reader: moves what fell due into the outbox, for the worker to send.

It asks every kind in the registry (bot/delivery/kinds.py), in order, for what fell due; how
a kind's stored moments are read and moved on is in bot/delivery/scheduled.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.services import Services
from bot.delivery.kinds import KINDS
from bot.delivery.scheduled import ScheduledKind
from bot.ops import hooks
from storage import Team, User


async def enqueue_due(
    services: Services, kinds: Iterable[ScheduledKind[User] | ScheduledKind[Team]] = KINDS
) -> int:
    """Put everything due now in the outbox (once per period); returns how many were queued."""
    now, queued = services.clock.now(), 0
    for kind in kinds:
        queued += await kind.enqueue_due(services, now)
    hooks.moments_read(queued)
    return queued
