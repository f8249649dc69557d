"""What the handling of one update leaves to be written with its finish: one statement fewer.

A check-in step sent while an update is handled is recorded as sent (its message id) in the
statement (SQLite: the transaction) that also marks the update handled and takes it out of
the inbox (bot/incoming/inbox.py), still inside the person's turn: nothing of theirs is read
in between, and another instance taking the turn next finds both written. A crash between
the send and that statement leaves the update in the inbox, with the step open and unsent,
as a crash just before a separate write would: the replay asks the step again, as before.

Outside a handling (the outbox's delivery of a check-in) the step is recorded at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Handling:
    """One update's handling: the steps it sent, until its finish writes them."""

    def __init__(self) -> None:
        self.sent_steps: dict[int, int | None] = {}  # step id -> message id (None: timed out)
        self.open = True

    def take(self) -> list[tuple[int, int | None]]:
        """What is left to write, once: later sends of this handling are written at once."""
        self.open = False
        sent, self.sent_steps = self.sent_steps, {}
        return list(sent.items())


_CURRENT: ContextVar[Handling | None] = ContextVar("sherpa_handling", default=None)


@contextmanager
def handling() -> Iterator[Handling]:
    """The scope of one update's handling (bot/incoming/ordering.py)."""
    scope = Handling()
    token = _CURRENT.set(scope)
    try:
        yield scope
    finally:
        _CURRENT.reset(token)


def current() -> Handling | None:
    """The handling this task is in, if any (and not finished yet)."""
    scope = _CURRENT.get()
    return scope if scope is not None and scope.open else None


def defer_step_sent(step_id: int, message_id: int | None) -> bool:
    """Leave "this step was sent as this message" to the handling's finish; False when there
    is no handling to leave it to (write it now)."""
    scope = current()
    if scope is None:
        return False
    if message_id is not None or step_id not in scope.sent_steps:
        scope.sent_steps[step_id] = message_id  # a timed-out send keeps an earlier id
    return True
