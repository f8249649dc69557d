"""The fake Telegram's state, shared by the human side and the bot-method side."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from typing import Any

from .models import JSON, ApiError, Call, FakeChat, FakeUser, SentMessage, Signal
from .updates import UpdateQueue

ChatRef = int | FakeUser | FakeChat
BotMessageHook = Callable[[int, SentMessage], Any]


def chat_id_of(chat: ChatRef) -> int:
    """The chat id of a chat, a user (their private chat) or a plain id."""
    return chat.id if isinstance(chat, FakeUser | FakeChat) else int(chat)


class World:
    """In-memory Telegram: people, chats, messages both ways, recorded calls, pending updates."""

    def __init__(
        self,
        *,
        token: str,
        bot_username: str,
        bot_first_name: str,
        now: Callable[[], float] = time.time,
        on_bot_message: BotMessageHook | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.token = token
        self.now = now
        self.on_bot_message = on_bot_message
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.calls: list[Call] = []
        self.spec_violations: list[tuple[str, str]] = []
        self.callback_answers: dict[str, JSON] = {}  # callback query id -> answer params
        self.reactions: dict[tuple[int, int], list[JSON]] = {}  # (chat, message) -> reaction
        self.webhook_url = ""
        self._users: dict[int, FakeUser] = {}
        self._chats: dict[int, FakeChat] = {}
        self._last_message_id: dict[int, int] = {}
        self._sent: dict[int, dict[int, SentMessage]] = {}  # bot messages per chat, in order
        self._received: dict[int, dict[int, JSON]] = {}  # human messages per chat
        self._open_callbacks: dict[str, JSON] = {}  # callback queries not answered yet
        self._command_lists: dict[str, list[JSON]] = {}  # setMyCommands by (scope, language)
        self.menu_buttons: dict[int | None, JSON] = {}  # setChatMenuButton; None: the default
        self._changed = Signal()
        self._updates = UpdateQueue(self._changed, first_update_id)

    # -- helpers for both sides -------------------------------------------------------------

    def _date(self) -> int:
        return int(self.now())

    def _new_message_id(self, chat_id: int) -> int:
        # Private chats number messages from both sides in one sequence, so do we.
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _chat(self, chat_id: Any) -> FakeChat:
        try:
            chat = self._chats.get(int(chat_id))
        except (TypeError, ValueError):  # "@username" chats do not exist here
            chat = None
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _message_json(self, msg: SentMessage, *, with_reply: bool = True) -> JSON:
        """A bot message as the Bot API `Message` object."""
        data: JSON = {
            "message_id": msg.message_id,
            "from": dict(self.bot_user),
            "chat": self._chats[msg.chat_id].to_dict(),
            "date": msg.date,
        }
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if with_reply and msg.reply_to_message_id is not None:
            replied = self._any_message_json(msg.chat_id, msg.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = replied
        if msg.kind == "text":
            data["text"] = msg.text
            if msg.entities:
                data["entities"] = msg.entities
        else:
            data.update(_media_json(msg))
            if msg.caption:
                data["caption"] = msg.caption
        # Telegram echoes only inline keyboards back in Message.reply_markup.
        if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        return data

    def _any_message_json(self, chat_id: int, message_id: int) -> JSON | None:
        if (human := self._received.get(chat_id, {}).get(message_id)) is not None:
            return {k: v for k, v in human.items() if k != "reply_to_message"}
        sent = self._sent.get(chat_id, {}).get(message_id)
        if sent is None or sent.deleted:
            return None
        return self._message_json(sent, with_reply=False)

    async def _announce(self, msg: SentMessage) -> None:
        """Tell the on_bot_message hook (sync or async) and any waiters about a send or edit."""
        self._changed.fire()
        if self.on_bot_message is not None:
            result = self.on_bot_message(msg.chat_id, msg)
            if inspect.isawaitable(result):
                await result

    # -- reading the conversation -----------------------------------------------------------

    def messages(self, chat: ChatRef) -> list[SentMessage]:
        """The bot's messages in a chat, oldest first, as they are now (deleted ones left out)."""
        return [m for m in self._sent.get(chat_id_of(chat), {}).values() if not m.deleted]

    def last_message(self, chat: ChatRef) -> SentMessage | None:
        """The bot's newest message in a chat, if any."""
        sent = self.messages(chat)
        return sent[-1] if sent else None

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method (case-insensitive), in order."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    @property
    def last_update_id(self) -> int:
        """The update_id of the newest update pushed so far (first_update_id - 1 if none)."""
        return self._updates.last_update_id

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates the bot has not confirmed yet."""
        return self._updates.pending

    async def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = 5.0, *, since: int = 0
    ) -> Call:
        """The first call (from index `since` of `calls`) matching predicate, waiting for it."""

        def match() -> Call | None:
            return next((c for c in self.calls[since:] if predicate(c)), None)

        try:
            call: Call = await self._changed.wait_until(match, timeout)
        except TimeoutError:
            seen = ", ".join(c.method for c in self.calls[since:][-10:]) or "none"
            raise TimeoutError(f"no matching bot call within {timeout}s (last: {seen})") from None
        return call

    async def wait_for_messages(
        self, chat: ChatRef, count: int, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Wait until the bot has `count` messages in the chat; returns all of them."""

        def enough() -> list[SentMessage] | None:
            sent = self.messages(chat)
            return sent if len(sent) >= count else None

        try:
            sent: list[SentMessage] = await self._changed.wait_until(enough, timeout)
        except TimeoutError:
            have = len(self.messages(chat))
            raise TimeoutError(
                f"chat {chat_id_of(chat)} has {have} bot messages, wanted {count} within {timeout}s"
            ) from None
        return sent

    async def wait_delivered(self, timeout: float = 5.0) -> None:
        """Wait until getUpdates has handed every update pushed so far to the bot."""
        target = self.last_update_id
        try:
            await self._changed.wait_until(lambda: self._updates.delivered(target), timeout)
        except TimeoutError:
            raise TimeoutError(f"bot did not fetch update {target} within {timeout}s") from None


def _media_json(msg: SentMessage) -> JSON:
    file_id = f"{msg.kind}-{msg.chat_id}-{msg.message_id}"
    size = len(msg.media.data) if msg.media is not None and not isinstance(msg.media, str) else 0
    base: JSON = {"file_id": file_id, "file_unique_id": f"u{file_id}"}
    if size:
        base["file_size"] = size
    if msg.kind == "photo":
        return {"photo": [{**base, "width": 320, "height": 240}]}
    name = getattr(msg.media, "filename", None) or "document"
    mime = getattr(msg.media, "content_type", None) or "application/octet-stream"
    return {"document": {**base, "file_name": name, "mime_type": mime}}
