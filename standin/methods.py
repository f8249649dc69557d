"""The Bot API methods the stand-in simulates, with Telegram's answers and errors."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from .markup import visible_text
from .models import JSON, ApiError, FakeChat, SentMessage, UploadedFile
from .world import World

Handler = Callable[["BotMethods", JSON, dict[str, UploadedFile]], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice"}
    | {"upload_document", "choose_sticker", "find_location", "record_video_note"}
    | {"upload_video_note"}
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# Telegram refuses http:// Mini Apps; the stand-in also takes loopback ones (python -m bot try).
_LOCAL_URL = re.compile(r"http://(127\.0\.0\.1|localhost|\[::1\])[:/]")


def api_method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler for one Bot API method."""

    def register(handler: Handler) -> Handler:
        HANDLERS[name] = handler
        return handler

    return register


def _int(params: JSON, name: str) -> int:
    value = params.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, f"Bad Request: {name} must be an integer")
    return value


class BotMethods(World):
    """Method handlers' shared helpers; the handlers themselves are registered below."""

    def _target(self, params: JSON) -> FakeChat:
        """The chat a message or action goes to, refusing if the user blocked the bot."""
        chat = self._chat(params.get("chat_id"))
        if chat.user is not None and chat.user.blocked_bot:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _reply_to(self, chat: FakeChat, params: JSON) -> int | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None or self._any_message_json(chat.id, message_id) is not None:
            return message_id
        if reply.get("allow_sending_without_reply"):
            return None
        raise ApiError(400, "Bad Request: message to be replied not found")

    async def _send(self, msg: SentMessage) -> JSON:
        self._sent.setdefault(msg.chat_id, {})[msg.message_id] = msg
        await self._announce(msg)
        return self._message_json(msg)

    def _new_sent(self, chat: FakeChat, params: JSON, kind: str) -> SentMessage:
        return SentMessage(
            chat.id,
            self._new_message_id(chat.id),
            self._date(),
            kind,
            reply_markup=params.get("reply_markup"),
            reply_to_message_id=self._reply_to(chat, params),
        )

    def _editable(self, params: JSON) -> SentMessage:
        if params.get("inline_message_id") is not None:
            raise ApiError(400, "Bad Request: message to edit not found")  # no inline mode here
        chat = self._chat(params.get("chat_id"))
        message_id = _int(params, "message_id")
        msg = self._sent.get(chat.id, {}).get(message_id)
        if msg is None or msg.deleted:
            if message_id in self._received.get(chat.id, {}):
                raise ApiError(400, "Bad Request: message can't be edited")
            raise ApiError(400, "Bad Request: message to edit not found")
        return msg

    async def _media(self, params: JSON, files: dict[str, UploadedFile], kind: str) -> JSON:
        chat = self._target(params)
        media = params.get(kind)
        if isinstance(media, str) and media.startswith("attach://"):
            media = files.get(media.removeprefix("attach://"))
        if media is None or media == "":
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        caption = visible_text(params.get("caption") or "", params.get("parse_mode"))
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        msg = self._new_sent(chat, params, kind)
        msg.caption, msg.media, msg.parse_mode = caption or None, media, params.get("parse_mode")
        return await self._send(msg)

    def my_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The bot's command list for a scope and language, as set with setMyCommands."""
        return list(self._command_lists.get(_commands_key(scope, language_code), []))


def _commands_key(scope: Any, language_code: Any) -> str:
    return json.dumps([scope or {"type": "default"}, language_code or ""], sort_keys=True)


def _checked_text(params: JSON) -> tuple[str, str]:
    source = params.get("text")
    if not isinstance(source, str) or not source.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    shown = visible_text(source, params.get("parse_mode"))
    if not shown.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(shown) > 4096:
        raise ApiError(400, "Bad Request: message is too long")
    return source, shown


@api_method("getMe")
async def _get_me(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return {**api.bot_user, "can_join_groups": True, "can_read_all_group_messages": False}


@api_method("sendMessage")
async def _send_message(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    chat = api._target(params)
    source, shown = _checked_text(params)
    msg = api._new_sent(chat, params, "text")
    msg.text, msg.source_text, msg.parse_mode = shown, source, params.get("parse_mode")
    msg.entities = params.get("entities")
    return await api._send(msg)


@api_method("editMessageText")
async def _edit_text(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    msg = api._editable(params)
    if msg.kind != "text":
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    source, shown = _checked_text(params)
    markup = params.get("reply_markup")  # leaving it out removes the keyboard, as on Telegram
    if shown == msg.text and markup == msg.reply_markup:
        raise ApiError(400, _NOT_MODIFIED)
    msg.text, msg.source_text, msg.reply_markup = shown, source, markup
    msg.parse_mode, msg.entities, msg.edit_date = (
        params.get("parse_mode"),
        params.get("entities"),
        api._date(),
    )
    await api._announce(msg)
    return api._message_json(msg)


@api_method("editMessageReplyMarkup")
async def _edit_markup(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    msg = api._editable(params)
    markup = params.get("reply_markup")
    if markup == msg.reply_markup:
        raise ApiError(400, _NOT_MODIFIED)
    msg.reply_markup, msg.edit_date = markup, api._date()
    await api._announce(msg)
    return api._message_json(msg)


@api_method("deleteMessage")
async def _delete(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    chat = api._chat(params.get("chat_id"))
    message_id = _int(params, "message_id")
    msg = api._sent.get(chat.id, {}).get(message_id)
    if msg is not None and not msg.deleted:
        msg.deleted = True
    elif api._received.get(chat.id, {}).pop(message_id, None) is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    api._changed.fire()
    return True


@api_method("answerCallbackQuery")
async def _answer(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    query_id = str(params.get("callback_query_id"))
    if api._open_callbacks.pop(query_id, None) is None:
        raise ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    api.callback_answers[query_id] = dict(params)
    return True


@api_method("sendPhoto")
async def _send_photo(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return await api._media(params, files, "photo")


@api_method("sendDocument")
async def _send_document(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return await api._media(params, files, "document")


@api_method("sendChatAction")
async def _chat_action(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    api._target(params)
    if params.get("action") not in _CHAT_ACTIONS:
        raise ApiError(400, "Bad Request: wrong parameter action in request")
    return True


@api_method("setMyCommands")
async def _set_commands(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, "Bad Request: commands must be a list of at most 100 BotCommand")
    for command in commands:
        name, about = command.get("command", ""), command.get("description", "")
        if not _COMMAND.fullmatch(name) or not 1 <= len(about) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
    key = _commands_key(params.get("scope"), params.get("language_code"))
    api._command_lists[key] = [dict(c) for c in commands]
    return True


@api_method("getMyCommands")
async def _get_commands(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    return api.my_commands(params.get("scope"), params.get("language_code") or "")


@api_method("deleteMyCommands")
async def _delete_commands(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    api._command_lists.pop(_commands_key(params.get("scope"), params.get("language_code")), None)
    return True


@api_method("setMessageReaction")
async def _react(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    chat = api._chat(params.get("chat_id"))
    message_id = _int(params, "message_id")
    if api._any_message_json(chat.id, message_id) is None:
        raise ApiError(400, "Bad Request: message to react not found")
    api.reactions[(chat.id, message_id)] = list(params.get("reaction") or [])
    api._changed.fire()
    return True


@api_method("getChat")
async def _get_chat(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return {
        **api._chat(params.get("chat_id")).to_dict(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {**dict.fromkeys(gifts, False), "gifts_from_channels": False},
    }


@api_method("setChatMenuButton")
async def _set_menu_button(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    button = params.get("menu_button") or {"type": "default"}
    if button.get("type") == "web_app":
        url = (button.get("web_app") or {}).get("url") or ""
        if not url.startswith("https://") and not _LOCAL_URL.match(url):
            raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")  # Telegram wants HTTPS
    chat_id = params.get("chat_id")
    key = None if chat_id is None else api._chat(chat_id).id
    api.menu_buttons[key] = dict(button)
    return True


@api_method("getChatMenuButton")
async def _get_menu_button(api: BotMethods, params: JSON, files: dict[str, UploadedFile]) -> Any:
    chat_id = params.get("chat_id")
    key = None if chat_id is None else api._chat(chat_id).id
    return api.menu_buttons.get(key) or api.menu_buttons.get(None) or {"type": "commands"}
