"""The process's metrics, in one registry (prometheus-client, the official library).

Module-level, as prometheus-client intends: they hold counts and durations, never per-user
state. Labels take only values from small fixed sets (kinds, outcomes, Bot API method names);
nothing a user typed and no id can become a label.
"""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATE_KINDS = frozenset(
    {"message", "edited_message", "callback_query", "my_chat_member", "chat_member"}
)
UPDATES_RECEIVED = Counter(
    "sherpa_updates_received", "Updates that reached the handlers, by kind", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
UPDATES_HANDLED = Counter(
    "sherpa_updates_handled", "Updates whose handling finished, by kind", ["kind"],
    registry=REGISTRY,
)  # fmt: skip
UPDATE_ERRORS = Counter(
    "sherpa_update_errors",
    "Handling errors by kind and outcome (error: the user got an apology; given_back: the"
    " database was away or the lease lapsed, handled again shortly)",
    ["kind", "outcome"],
    registry=REGISTRY,
)
HANDLING_SECONDS = Histogram(
    "sherpa_update_handling_seconds",
    "Time from taking an update in hand to done, in seconds",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
TELEGRAM_REQUESTS = Counter(
    "sherpa_telegram_requests",
    "Bot API requests by method and result (ok, 429, 403, 4xx, 5xx, network)",
    ["method", "result"],
    registry=REGISTRY,
)
TELEGRAM_RETRY_AFTER = Counter(
    "sherpa_telegram_retry_after_seconds",
    "Seconds Telegram asked to wait (429 retry_after), summed",
    registry=REGISTRY,
)
CHARTS_QUEUED = Gauge(
    "sherpa_charts_queued", "Verrekijker pictures waiting for or being drawn", registry=REGISTRY
)
CHART_SECONDS = Histogram(
    "sherpa_chart_drawing_seconds",
    "Time to draw one verrekijker picture (queue wait included), in seconds",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=REGISTRY,
)
MOMENTS_READ = Counter(
    "sherpa_scheduled_moments_read",
    "Due scheduled moments (check-ins, verrekijkers, nudges, digests) the schedule reader read",
    registry=REGISTRY,
)
CARE = Counter(
    "sherpa_care_interventions",
    "Heavy words answered with the lines (self) or a word of care (client); a count only",
    ["kind"],
    registry=REGISTRY,
)
GUARD = Counter(
    "sherpa_guard_interventions",
    "Answers the privacy guard held back to ask first; a count only",
    registry=REGISTRY,
)
# Read from the database at each scrape (bot/ops/figures.py).
INBOX_DEPTH = Gauge("sherpa_inbox_depth", "Updates stored, not yet handled", registry=REGISTRY)
INBOX_OLDEST = Gauge(
    "sherpa_inbox_oldest_age_seconds", "Age of the oldest unhandled update", registry=REGISTRY
)
OUTBOX_DUE = Gauge(
    "sherpa_outbox_due", "Scheduled messages due and not yet sent", registry=REGISTRY
)  # fmt: skip
OUTBOX_IN_FLIGHT = Gauge(
    "sherpa_outbox_in_flight", "Scheduled messages being sent right now", registry=REGISTRY
)
OUTBOX_OLDEST = Gauge(
    "sherpa_outbox_oldest_due_age_seconds",
    "How long the oldest due message has waited to be sent",
    registry=REGISTRY,
)
DB_POOL = Gauge(
    "sherpa_database_connections",
    "Database connections by state (size, idle, waiting: tasks waiting for one)",
    ["state"],
    registry=REGISTRY,
)
DB_UP = Gauge(
    "sherpa_database_up", "1 when the database answered the last scrape", registry=REGISTRY
)

_METHOD = re.compile(r"^[A-Za-z]{1,40}$")


def update_kind(kind: str) -> str:
    """The label for an update's kind: one of UPDATE_KINDS, else "other"."""
    return kind if kind in UPDATE_KINDS else "other"


def method_label(url: str) -> str:
    """The Bot API method of a request URL (its last path part), never the token before it."""
    method = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return method if _METHOD.match(method) else "other"


def result_label(status: int | None) -> str:
    """ok, 429, 403, 4xx, 5xx, or network (no answer at all)."""
    if status is None:
        return "network"
    if 200 <= status < 300:
        return "ok"
    if status in (429, 403):
        return str(status)
    return "4xx" if 400 <= status < 500 else "5xx"
