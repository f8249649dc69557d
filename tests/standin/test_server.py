"""The Bot API stand-in, exercised through python-telegram-bot's real HTTP client."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from standin import BotApiSpec, SentMessage, StandIn, UploadedFile

SPEC = BotApiSpec.from_file(Path(__file__).resolve().parents[1] / "botapi" / "api.json")
KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Yes", callback_data="y"),
            InlineKeyboardButton("No", callback_data="n"),
        ]
    ]
)


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without it PTB warns on RetryAfter.retry_after, which filterwarnings=error turns fatal.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def api() -> AsyncIterator[StandIn]:
    async with StandIn(spec=SPEC) as api:
        yield api
        assert api.spec_violations == []


@pytest.fixture
async def bot(api: StandIn) -> AsyncIterator[Bot]:
    async with Bot(token=api.token, base_url=api.base_url) as bot:
        yield bot


async def test_get_me(api: StandIn, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (
        123456,
        True,
        "sherpa_test_bot",
        "Sherpa",
    )
    assert api.calls[0].method == "getMe"


async def test_send_with_keyboard_then_edit(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001, "Ann")
    seen: list[tuple[int, str | None]] = []
    api.on_bot_message = lambda chat_id, msg: seen.append((chat_id, msg.text))
    sent = await bot.send_message(ann.id, "Ready?", reply_markup=KEYBOARD)
    assert sent.reply_markup == KEYBOARD and sent.chat.id == 1001
    assert api.last_message(ann).button_labels == ["Yes", "No"]

    edited = await bot.edit_message_text("Thanks!", chat_id=ann.id, message_id=sent.message_id)
    assert edited.text == "Thanks!" and edited.edit_date is not None
    msg = api.messages(ann)[0]
    assert (msg.text, msg.reply_markup) == ("Thanks!", None)  # no markup given: keyboard gone
    assert seen == [(1001, "Ready?"), (1001, "Thanks!")]

    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Thanks!", chat_id=ann.id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="to edit not found"):
        await bot.edit_message_text("x", chat_id=ann.id, message_id=999)
    with pytest.raises(BadRequest, match="not found"):
        await bot.send_message(4242, "nobody there")
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(ann.id, "x" * 4097)
    assert len(api.messages(ann)) == 1


async def test_html_is_shown_as_plain_text_and_bad_html_rejected(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    await bot.send_message(ann.id, "<b>Hi</b> &amp; welcome", parse_mode="HTML")
    assert api.last_message(ann).text == "Hi & welcome"
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ann.id, "1 < 2", parse_mode="HTML")


async def test_long_poll_wakes_on_push_and_offset_confirms(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for(lambda c: c.method == "getUpdates")  # the poll is now waiting
    pushed = api.send_text(ann, "hello")
    (update,) = await asyncio.wait_for(poll, 5)  # far sooner than the 30 s poll timeout
    assert update.update_id == pushed["update_id"] and update.message.text == "hello"
    assert (await bot.get_updates())[0].update_id == update.update_id  # not yet confirmed
    assert await bot.get_updates(offset=update.update_id + 1) == ()
    assert api.pending_updates == []


async def test_abandoned_poll_loses_nothing_and_opt_in_kinds_are_skipped(
    api: StandIn, bot: Bot
) -> None:
    ann = api.user(1001)
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for(lambda c: c.method == "getUpdates")
    poll.cancel()  # the client hangs up mid-poll, as PTB does when stopping
    with pytest.raises(asyncio.CancelledError):
        await poll
    api.push_raw({"message_reaction": {}})  # not asked for: Telegram would not deliver it
    api.send_text(ann, "still here")
    (update,) = await bot.get_updates(timeout=5)
    assert update.message.text == "still here"
    await api.wait_delivered(timeout=1)
    assert api.last_update_id == update.update_id


async def test_webhook_blocks_polling(api: StandIn, bot: Bot) -> None:
    assert await bot.set_webhook("https://example.invalid/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""


async def test_commands_get_bot_command_entity(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    api.send_command(ann, "/start", args="team_x")
    (update,) = await bot.get_updates()
    assert update.message.text == "/start team_x"
    assert update.message.parse_entities(["bot_command"]) == {update.message.entities[0]: "/start"}


async def test_press_button_gives_callback_query(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    sent = await bot.send_message(ann.id, "Ready?", reply_markup=KEYBOARD)
    api.press_button(ann, "No")
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert (query.data, query.message.message_id, query.from_user.id) == (
        "n",
        sent.message_id,
        1001,
    )
    assert await bot.answer_callback_query(query.id, text="ok")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(LookupError):
        api.press_button(ann, "Maybe")


async def test_taps_on_old_messages_and_raw_taps_until_they_expire(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    old = api.press(ann, 77, "y", inaccessible=True)  # no such message needed: too old to see
    assert old["callback_query"]["message"] == {
        "chat": {"id": 1001, "type": "private", "first_name": "Ann"},
        "message_id": 77,
        "date": 0,
    }
    query = {"id": "raw-1", "from": ann.to_dict(), "chat_instance": "c", "data": "n"}
    api.push_raw({"callback_query": {**query, "inline_message_id": "i1"}})
    first, second = await bot.get_updates()
    assert first.callback_query.message.message_id == 77 and second.callback_query.data == "n"
    assert await bot.answer_callback_query("raw-1")  # a raw tap is fresh, like press()
    api.expire_callback_queries()
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(first.callback_query.id)
    api.drop_pending_updates()
    assert api.pending_updates == []


@pytest.mark.parametrize(
    ("code", "kwargs", "raised"),
    [
        (429, {"retry_after": 3}, RetryAfter),
        (403, {}, Forbidden),
        (500, {}, NetworkError),
        (502, {}, NetworkError),
        (400, {"migrate_to_chat_id": -1001}, ChatMigrated),
        (401, {}, InvalidToken),
    ],
)
async def test_fail_next(
    api: StandIn, bot: Bot, code: int, kwargs: dict[str, int], raised: type[Exception]
) -> None:
    ann = api.user(1001)
    api.fail_next("sendMessage", code, count=2, **kwargs)
    for _ in range(2):
        with pytest.raises(raised) as caught:
            await bot.send_message(ann.id, "hi")
        assert type(caught.value) is raised  # e.g. not a TimedOut, a NetworkError subclass
    if code == 429:
        assert caught.value.retry_after == dtm.timedelta(seconds=3)
    await bot.send_message(ann.id, "hi")  # the fault is used up
    assert [c.error is None for c in api.calls_to("sendMessage")] == [False, False, True]
    assert not issubclass(raised, TimedOut)


async def test_blocked_user_gives_forbidden(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    api.block(ann)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(ann.id, "hi")


async def test_photo_upload_is_multipart(api: StandIn, bot: Bot) -> None:
    ann = api.user(1001)
    message = await bot.send_photo(ann.id, photo=b"\x89PNG fake", caption="Week", filename="w.png")
    assert message.photo and message.caption == "Week"
    sent = api.last_message(ann)
    assert sent.kind == "photo" and isinstance(sent.media, UploadedFile)
    assert sent.media.data == b"\x89PNG fake" and sent.media.filename == "w.png"


async def test_forged_request_is_a_spec_violation(api: StandIn) -> None:
    api.user(1001)
    url = f"{api.base_url}{api.token}/sendMessage"
    bad = {"chat_id": "1001", "colour": "red", "reply_markup": '{"inline_keyboard": "x"}'}
    async with httpx.AsyncClient() as client:
        response = await client.post(url, data=bad)
        unknown = await client.post(f"{api.base_url}{api.token}/sendMesage", data=bad)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert response.json()["description"].startswith("Bad Request: sendMessage")
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    problems = [p for _, p in api.spec_violations]
    assert "sendMessage: missing required field text" in problems
    assert "sendMessage: unknown field colour" in problems
    assert any("reply_markup.inline_keyboard" in p for p in problems)
    assert api.messages(1001) == []
    api.spec_violations.clear()


async def test_wrong_token_is_unauthorized(api: StandIn) -> None:
    with pytest.raises(InvalidToken):
        async with Bot(token="654321:SOMEONE-ELSE", base_url=api.base_url):
            pass


async def test_human_updates_match_the_spec_and_parse(api: StandIn, bot: Bot) -> None:
    ann, team = api.user(1001, username="ann"), api.group(-500, "Team")
    first = api.send_text(ann, "hi")
    await bot.send_message(ann.id, "pick", reply_markup=KEYBOARD)
    updates = [
        first,
        api.send_text(ann, "re", reply_to=first["message"]["message_id"]),
        api.edit_text(ann, first["message"]["message_id"], "hi!"),
        api.send_sticker(ann),
        api.send_photo(ann, caption="me"),
        api.send_voice(ann),
        api.send_document(ann),
        api.send_location(ann),
        api.send_group_text(team, ann, "/report@sherpa_test_bot"),
        api.press_button(ann, 0),
    ]
    for update in updates:
        assert SPEC.check_object("Update", update) == []
        assert Update.de_json(update, bot).update_id == update["update_id"]
    assert [u["update_id"] for u in updates] == list(range(1, 11))
    assert first["message"]["text"] == "hi" and "edit_date" not in first["message"]
    assert api.push_raw({"message": {"nonsense": True}})["update_id"] == 11


async def test_application_polls_and_replies(api: StandIn) -> None:
    ann = api.user(1001)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"Hi {context.args}", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"You chose {update.callback_query.data}")

    app = Application.builder().token(api.token).base_url(api.base_url).build()
    app.add_handlers([CommandHandler("start", start), CallbackQueryHandler(pressed)])
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=10))
        api.send_command(ann, "/start", args="team_x")
        (reply,) = await api.wait_for_messages(ann, 1)
        assert reply.text == "Hi ['team_x']"
        api.press_button(ann, "Yes")
        await api.wait_for(lambda c: c.method == "editMessageText")
        await app.updater.stop()
        await app.stop()
    final: SentMessage | None = api.last_message(ann)
    assert final is not None and final.text == "You chose y" and final.buttons == []
    assert api.callback_answers and api.pending_updates == []


def test_spec_validation_rules() -> None:
    assert SPEC.validate("getMe", {}) == []
    assert SPEC.validate("noSuchMethod", {}) == ["unknown method noSuchMethod"]
    assert SPEC.validate("sendMessage", {"chat_id": "@channel", "text": "hi"}) == []
    assert SPEC.validate("sendMessage", {"chat_id": 1, "text": 5}) == [
        "sendMessage.text: expected String, got Integer"
    ]
    assert SPEC.validate("sendChatAction", {"chat_id": True, "action": "typing"}) == [
        "sendChatAction.chat_id: expected Integer or String, got Boolean"
    ]
    reaction = '[{"type": "emoji", "emoji": "👍", "big": 1}]'
    assert SPEC.validate(
        "setMessageReaction", {"chat_id": "1", "message_id": "2", "reaction": reaction}
    ) == ["setMessageReaction.reaction[0]: unknown field big for ReactionTypeEmoji"]
    photo = {"chat_id": "1", "photo": "attach://pic"}
    assert SPEC.validate("sendPhoto", photo, attachments={"pic"}) == []
    assert SPEC.validate("sendPhoto", photo) == [
        "sendPhoto.photo: attach://pic names no uploaded file part"
    ]
