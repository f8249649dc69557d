"""Who sent an update, as plain data: what a feature's service needs to know the sender."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update


@dataclass(frozen=True)
class Sender:
    """The sender of an update: their Telegram id, the chat it came from, their language."""

    user_id: int
    chat_id: int
    language_code: str | None

    @classmethod
    def of(cls, update: Update) -> Sender:
        """The sender of an update that has one (a message, an edit, a tap)."""
        tg_user, chat = update.effective_user, update.effective_chat
        assert tg_user is not None and chat is not None
        return cls(tg_user.id, chat.id, tg_user.language_code)
