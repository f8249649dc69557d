"""What the humans do: create users and groups, and feed their actions in as updates."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from .models import JSON, FakeChat, FakeUser
from .world import World


def _utf16_len(text: str) -> int:
    # Telegram measures entity offsets and lengths in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def _command_entities(text: str) -> list[JSON]:
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]


class HumanSide(World):
    """The people talking to the bot. Call these from the event loop's thread."""

    _ids = itertools.count(1)  # callback query ids, unique across stand-ins in one process

    def user(
        self,
        user_id: int,
        first_name: str = "Ann",
        language_code: str | None = "nl",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """Create (or replace) a user who has a private chat with the bot."""
        user = FakeUser(user_id, first_name, last_name, username, language_code)
        self._users[user_id] = user
        self._chats[user_id] = FakeChat(user_id, "private", user=user)
        return user

    def group(self, chat_id: int, title: str = "Team") -> FakeChat:
        """Create a group chat the bot is a member of (group ids are negative on Telegram)."""
        chat = FakeChat(chat_id, "group", title=title)
        self._chats[chat_id] = chat
        return chat

    def block(self, user: FakeUser, blocked: bool = True) -> None:
        """The user blocks (or unblocks) the bot: sends to them then fail with 403."""
        user.blocked_bot = blocked

    def push_raw(self, update: JSON) -> JSON:
        """Queue any update as given (update_id assigned if missing), even a malformed one.

        A callback_query in it is a fresh tap: the bot may answer it once, as after press().
        """
        query = update.get("callback_query")
        if isinstance(query, dict) and isinstance(query.get("id"), str):
            self._open_callbacks[query["id"]] = query
        return self._updates.push(dict(update))

    def expire_callback_queries(self) -> None:
        """Every tap not answered yet becomes too old to answer, as after a bot's downtime."""
        self._open_callbacks.clear()

    def drop_pending_updates(self) -> None:
        """Forget every update the bot has not confirmed (as drop_pending_updates does)."""
        self._updates.clear()

    # -- messages ---------------------------------------------------------------------------

    def _human_message(
        self, user: FakeUser, chat: FakeChat, content: JSON, reply_to: int | None = None
    ) -> JSON:
        message: JSON = {
            "message_id": self._new_message_id(chat.id),
            "from": user.to_dict(),
            "chat": chat.to_dict(),
            "date": self._date(),
        }
        if reply_to is not None:
            replied = self._any_message_json(chat.id, reply_to)
            if replied is None:
                raise KeyError(f"no message {reply_to} in chat {chat.id} to reply to")
            message["reply_to_message"] = replied
        message.update(content)
        self._received.setdefault(chat.id, {})[message["message_id"]] = message
        # A snapshot: later edits change the stored message, not the update already queued.
        return self._updates.push({"message": copy.deepcopy(message)})

    def send_text(self, user: FakeUser, text: str, reply_to: int | None = None) -> JSON:
        """The user sends a text message in their private chat with the bot."""
        return self._human_message(user, self._chats[user.id], _text_content(text), reply_to)

    def send_command(self, user: FakeUser, command: str, args: str | None = None) -> JSON:
        """The user sends a command such as "/start", optionally with arguments."""
        text = command if command.startswith("/") else f"/{command}"
        return self.send_text(user, f"{text} {args}" if args else text)

    def send_group_text(self, group: FakeChat, user: FakeUser, text: str) -> JSON:
        """The user writes in a group the bot is in."""
        return self._human_message(user, group, _text_content(text))

    def send_sticker(self, user: FakeUser, emoji: str = "👍") -> JSON:
        """The user sends a sticker."""
        sticker = {
            **self._file_ids("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._human_message(user, self._chats[user.id], {"sticker": sticker})

    def send_photo(self, user: FakeUser, caption: str | None = None) -> JSON:
        """The user sends a photo (two sizes, like Telegram), optionally with a caption."""
        sizes = [
            {**self._file_ids(f"photo{w}"), "width": w, "height": h, "file_size": w * h // 10}
            for w, h in ((90, 67), (1280, 960))
        ]
        content: JSON = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return self._human_message(user, self._chats[user.id], content)

    def send_voice(self, user: FakeUser, duration: int = 3) -> JSON:
        """The user sends a voice note."""
        voice = {**self._file_ids("voice"), "duration": duration, "mime_type": "audio/ogg"}
        return self._human_message(user, self._chats[user.id], {"voice": voice})

    def send_document(
        self, user: FakeUser, file_name: str = "notes.pdf", mime_type: str = "application/pdf"
    ) -> JSON:
        """The user sends a file."""
        document = {**self._file_ids("document"), "file_name": file_name, "mime_type": mime_type}
        return self._human_message(user, self._chats[user.id], {"document": document})

    def send_location(
        self, user: FakeUser, latitude: float = 52.3676, longitude: float = 4.9041
    ) -> JSON:
        """The user shares a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return self._human_message(user, self._chats[user.id], {"location": location})

    def edit_text(self, user: FakeUser, message_id: int, new_text: str) -> JSON:
        """The user edits one of their text messages: an edited_message update."""
        message = self._received.get(user.id, {}).get(message_id)
        if message is None or message["from"]["id"] != user.id or "text" not in message:
            raise KeyError(f"user {user.id} has no text message {message_id} to edit")
        message.pop("entities", None)
        message.update(_text_content(new_text), edit_date=self._date())
        return self._updates.push({"edited_message": copy.deepcopy(message)})

    # -- buttons ----------------------------------------------------------------------------

    def press(
        self, user: FakeUser, message_id: int, callback_data: str, *, inaccessible: bool = False
    ) -> JSON:
        """The user taps an inline button with this callback_data on a bot message.

        inaccessible=True: the message is too old for the bot to see (over 48 hours), so
        Telegram sends only its chat and id with date 0; it need not exist here.
        """
        chat = self._chats[user.id].to_dict()
        message: JSON = {"chat": chat, "message_id": message_id, "date": 0}
        if not inaccessible:
            sent = self._sent.get(user.id, {}).get(message_id)
            if sent is None or sent.deleted:
                raise KeyError(f"no bot message {message_id} in chat {user.id}")
            message = self._message_json(sent)
        query: JSON = {
            "id": str(next(self._ids)),
            "from": user.to_dict(),
            "message": message,
            "chat_instance": f"ci{user.id}",
            "data": callback_data,
        }
        self._open_callbacks[query["id"]] = query
        return self._updates.push({"callback_query": query})

    def press_button(self, user: FakeUser, label_or_index: str | int) -> JSON:
        """Tap a button, by label or flat index, on the newest bot message with a keyboard."""
        sent = next((m for m in reversed(self.messages(user)) if m.buttons), None)
        if sent is None:
            raise LookupError(f"no bot message with an inline keyboard in chat {user.id}")
        buttons = [b for row in sent.buttons for b in row]
        if isinstance(label_or_index, int):
            if not -len(buttons) <= label_or_index < len(buttons):
                raise IndexError(f"button {label_or_index} of {len(buttons)}")
            button = buttons[label_or_index]
        else:
            found = [b for b in buttons if b.text == label_or_index]
            if not found:
                raise LookupError(f"no button {label_or_index!r}; have {sent.button_labels}")
            button = found[0]
        if button.callback_data is None:
            raise ValueError(f"button {button.text!r} sends no callback_data")
        return self.press(user, sent.message_id, button.callback_data)

    def _file_ids(self, kind: str) -> dict[str, Any]:
        serial = self._updates.last_update_id + 1
        return {"file_id": f"{kind}-in-{serial}", "file_unique_id": f"u{kind}-in-{serial}"}


def _text_content(text: str) -> JSON:
    content: JSON = {"text": text}
    if entities := _command_entities(text):
        content["entities"] = entities
    return content
