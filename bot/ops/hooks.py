"""Where the bot tells the metrics what happened: small functions the handlers and the
incoming path call, so they never touch prometheus-client themselves."""

from __future__ import annotations

import time
from collections.abc import Awaitable
from typing import TypeVar

from bot.ops import metrics

T = TypeVar("T")


def kind_of(update: object) -> str:
    """The update's kind as a label: message, edited_message, callback_query, ... or other.

    (Read by attribute: the chart workers import this module and need no telegram.)"""
    for kind in metrics.UPDATE_KINDS:
        if getattr(update, kind, None) is not None:
            return kind
    return "other"


def received(update: object) -> None:
    metrics.UPDATES_RECEIVED.labels(kind_of(update)).inc()


async def timed_handling(update: object, handling: Awaitable[T]) -> T:
    """Await the handling of an update, timed and counted (also when it raises)."""
    start = time.perf_counter()
    try:
        return await handling
    finally:
        metrics.HANDLING_SECONDS.observe(time.perf_counter() - start)
        metrics.UPDATES_HANDLED.labels(kind_of(update)).inc()


def failed(update: object, *, given_back: bool) -> None:
    metrics.UPDATE_ERRORS.labels(kind_of(update), "given_back" if given_back else "error").inc()


def care(kind: str) -> None:
    """Heavy words answered: "self" (the lines) or "client" (a word of care). A count only."""
    metrics.CARE.labels(kind).inc()


def guarded() -> None:
    metrics.GUARD.inc()


def moments_read(count: int) -> None:
    metrics.MOMENTS_READ.inc(count)


async def drawing(picture: Awaitable[T]) -> T:
    """Await a chart from the pool, counted while queued and timed."""
    metrics.CHARTS_QUEUED.inc()
    start = time.perf_counter()
    try:
        return await picture
    finally:
        metrics.CHARTS_QUEUED.dec()
        metrics.CHART_SECONDS.observe(time.perf_counter() - start)
