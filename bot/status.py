"""`python -m bot status`: health from the database, for an operator or a monitor; with
`--json` the same as a document, with the backlog figures /metrics serves and, when OPS_PORT
is set, the running instance's own counters read from its /metrics."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.ops.figures import read_backlog
from storage import OutboxHealth, Storage, UserCounts

# Something ready to send that has waited this long means the worker is not running.
STUCK_AFTER = timedelta(minutes=10)


def is_stuck(health: OutboxHealth, now: datetime) -> bool:
    """Whether delivery looks stuck: an item ready (or in flight) for too long."""
    return health.waiting_since is not None and now - health.waiting_since > STUCK_AFTER


def report(users: UserCounts, health: OutboxHealth, now: datetime) -> list[str]:
    """The status lines, plain text."""

    def ago(moment: datetime | None) -> str:
        if moment is None:
            return "never"
        minutes = int((now - moment).total_seconds() // 60)
        return f"{moment:%Y-%m-%d %H:%M} UTC ({minutes} min ago)"

    states = ("pending", "sending", "sent", "failed", "dropped")
    lines = [
        f"users: {users.active} active, {users.paused} paused, {users.inactive} inactive"
        f" (unreachable), {users.onboarding} still onboarding",
        "outbox: " + ", ".join(f"{health.counts.get(s, 0)} {s}" for s in states),
        f"oldest undelivered: {ago(health.oldest_pending)}",
        f"last successful send: {ago(health.last_sent)}",
        f"sends that timed out (may have arrived): {health.ambiguous}",
    ]
    for lease in health.leases:  # what is in flight, by instance
        holder = lease.holder or "an older version (no lease)"
        if lease.until is None:  # no such instance (any more): the items go back
            lines.append(f"in flight: {lease.items} by {holder}, an instance that is gone")
            continue
        verb = "expired" if lease.until <= now else "expires"
        ends = f"{lease.until:%Y-%m-%d %H:%M:%S} UTC"
        lines.append(f"in flight: {lease.items} by {holder}, lease {verb} {ends}")
    if is_stuck(health, now):
        lines.append(f"STUCK: an item has been ready to send since {ago(health.waiting_since)}")
    else:
        lines.append("delivery: ok")
    return lines


async def status(storage: Storage, now: datetime) -> tuple[list[str], bool]:
    """The report lines and whether delivery is stuck."""
    users = await storage.users.counts(now.date())
    health = await storage.outbox.health(now)
    return report(users, health, now), is_stuck(health, now)


async def status_document(
    storage: Storage, now: datetime, metrics_url: str | None = None
) -> dict[str, Any]:
    """The same figures as a JSON-ready document: users, outbox, backlog, stuck or not, and
    (with `metrics_url`) the live counters of the instance serving it."""
    users = await storage.users.counts(now.date())
    health = await storage.outbox.health(now)
    backlog = await read_backlog(storage, now)
    document: dict[str, Any] = {
        "checked_at": now.isoformat(),
        "users": asdict(users),
        "outbox": health.counts,
        "backlog": backlog.as_dict(),
        "stuck": is_stuck(health, now),
    }
    if metrics_url:
        document["instance"] = await _scrape(metrics_url)
    return document


async def _scrape(url: str) -> dict[str, Any]:
    """The running instance's /metrics as {sample name{labels}: value}, or why it could not."""
    try:
        async with (
            asyncio.timeout(3),
            aiohttp.ClientSession() as http,
            http.get(url) as response,
        ):
            text = await response.text()
    except (aiohttp.ClientError, TimeoutError) as error:
        return {"error": f"{url} did not answer ({type(error).__name__})"}
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return {"metrics": found}
