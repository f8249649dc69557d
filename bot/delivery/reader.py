"""The periodic schedule reader: moves what fell due into the outbox, for the worker to send.

It asks every scheduled kind (collected in bot/app.py, declared by the features), in order,
for what fell due; how the per-user kinds' stored moments are read and moved on is in
bot/delivery/due.py.
"""

from __future__ import annotations

from bot.core.services import Services
from bot.ops import hooks


async def enqueue_due(services: Services) -> int:
    """Put everything due now in the outbox (once per period); returns how many were queued."""
    now, queued = services.clock.now(), 0
    for kind in services.kinds:
        queued += await kind.enqueue_due(services, now)
    hooks.moments_read(queued)
    return queued
