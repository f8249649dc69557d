"""Telegram's queue of pending updates, with getUpdates semantics and long polling."""

from __future__ import annotations

from collections.abc import Sequence

from .models import JSON, ApiError, Signal

# What Telegram leaves out when allowed_updates is empty or was never set.
_OPT_IN_ONLY = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def update_kind(update: JSON) -> str | None:
    """The update's type: its one key besides update_id (None for malformed updates)."""
    return next((key for key in update if key != "update_id"), None)


class UpdateQueue:
    """Pending updates: confirmed (dropped) by a higher offset, handed out by getUpdates."""

    def __init__(self, signal: Signal, first_update_id: int = 1) -> None:
        self._signal = signal
        self._pending: list[JSON] = []
        self._next_id = first_update_id
        self._allowed: frozenset[str] | None = None  # None: Telegram's default selection
        self._poll_generation = 0
        self._closed = False
        self.delivered_up_to = first_update_id - 1  # highest update_id handed to the bot

    @property
    def pending(self) -> list[JSON]:
        """Updates not yet confirmed by the bot, oldest first."""
        return list(self._pending)

    @property
    def last_update_id(self) -> int:
        """The highest update_id assigned so far."""
        return self._next_id - 1

    def delivered(self, up_to: int) -> bool:
        """Whether every update with update_id <= up_to was handed out or dropped."""
        return all(
            _update_id(u) <= self.delivered_up_to for u in self._pending if _update_id(u) <= up_to
        )

    def push(self, update: JSON) -> JSON:
        """Queue an update, assigning the next update_id if it has none, and wake pollers."""
        if "update_id" not in update:
            update = {"update_id": self._next_id, **update}
        if isinstance(update["update_id"], int):
            self._next_id = max(self._next_id, update["update_id"] + 1)
        self._pending.append(update)
        self._pending.sort(key=_update_id)
        self._signal.fire()
        return update

    def clear(self) -> None:
        """Drop every pending update (deleteWebhook/setWebhook with drop_pending_updates)."""
        self._pending.clear()
        self._signal.fire()

    def open(self) -> None:
        """Accept long polls again after close()."""
        self._closed = False

    def close(self) -> None:
        """End all waiting long polls with an empty result (server shutdown)."""
        self._closed = True
        self._signal.fire()

    async def get(
        self,
        offset: int = 0,
        limit: int = 100,
        timeout: float = 0,
        allowed_updates: Sequence[str] | None = None,
    ) -> list[JSON]:
        """getUpdates: confirm below offset, then return up to limit updates, waiting if none."""
        self._poll_generation += 1
        generation = self._poll_generation
        if allowed_updates is not None:  # not given: keep the previous setting, like Telegram
            self._allowed = frozenset(allowed_updates) or None
        limit = min(max(limit, 1), 100)
        self._confirm(offset)

        def batch() -> tuple[list[JSON]] | None:
            if generation != self._poll_generation:
                # A newer getUpdates ends this one, as Telegram does.
                raise ApiError(409, _CONFLICT)
            found = self._select(limit)
            return (found,) if found or self._closed else None

        if timeout <= 0:
            return self._hand_out(self._select(limit))
        try:
            (found,) = await self._signal.wait_until(batch, timeout)
        except TimeoutError:
            found = []
        return self._hand_out(found)

    def _hand_out(self, found: list[JSON]) -> list[JSON]:
        ids = [u["update_id"] for u in found if isinstance(u.get("update_id"), int)]
        if ids:
            self.delivered_up_to = max(self.delivered_up_to, *ids)
            self._signal.fire()
        return found

    def _confirm(self, offset: int) -> None:
        before = len(self._pending)
        if offset > 0:
            self._pending = [u for u in self._pending if _update_id(u) >= offset]
        elif offset < 0:  # "-N": keep only the last N updates and forget the rest
            self._pending = self._pending[offset:]
        if len(self._pending) != before:
            self._signal.fire()

    def _select(self, limit: int) -> list[JSON]:
        allowed = self._allowed
        # Telegram never queues unwanted kinds; dropping them here has the same effect.
        self._pending = [
            u
            for u in self._pending
            if (kind := update_kind(u)) is None
            or (kind in allowed if allowed is not None else kind not in _OPT_IN_ONLY)
        ]
        return self._pending[:limit]


def _update_id(update: JSON) -> int:
    value = update.get("update_id")
    return value if isinstance(value, int) else 0
