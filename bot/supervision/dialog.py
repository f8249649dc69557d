"""/supervisie and /ster in the chat: the period and scope asked with buttons, the PDF made in
a thread and sent as a document; the star said back. What is decided is service.py, reached
through `Supervision`, the feature bound once to what it needs."""

from __future__ import annotations

import asyncio

from telegram import Bot, CallbackQuery

from bot.core.replies import Screen, acknowledge, edit, preparing_file, send, send_file, show
from bot.supervision import service, views
from bot.supervision.callbacks import SupervisionChoice
from bot.supervision.document import SupervisionDocument
from bot.supervision.pdf import make_supervision_pdf
from bot.supervision.service import Supervision
from storage import User


async def ask_period(supervision: Supervision, bot: Bot, user: User, argument: str) -> None:
    """/supervisie: which period (buttons); `/supervisie 8` goes straight to all-or-starred."""
    span = service.span_of_argument(argument) if argument.strip() else None
    if span is None:
        await show(bot, user.chat_id, views.period_screen(supervision.texts, user.language))
        return
    await show(bot, user.chat_id, await _scope_screen(supervision, user, span))


async def choose(
    supervision: Supervision,
    bot: Bot,
    query: CallbackQuery,
    user: User,
    choice: SupervisionChoice | None,
) -> None:
    """A tap on a period, then on all answers or only the starred ones: then the PDF."""
    texts, lang = supervision.texts, user.language
    if choice is None:
        await acknowledge(query, texts.text(lang, "errors.expired"))
        return
    await acknowledge(query)
    if choice.scope is None:
        await edit(query, await _scope_screen(supervision, user, choice.span))
        return
    starred = choice.scope == "starred"
    doc = await supervision.document(user, choice.span, starred_only=starred)
    if starred and not service.has_words(doc):  # a star taken off since the screen came
        await edit(query, await _scope_screen(supervision, user, choice.span))
        return
    await edit(query, views.making(texts, lang))
    await send_pdf(supervision, bot, user, doc)


async def send_pdf(
    supervision: Supervision, bot: Bot, user: User, doc: SupervisionDocument
) -> None:
    """The PDF, made off the event loop (about a second for a year), as a document."""
    texts, lang = supervision.texts, user.language
    if doc.empty:
        await send(bot, user.chat_id, views.empty(texts, lang, doc))
        return
    await preparing_file(bot, user.chat_id)
    data = await asyncio.to_thread(make_supervision_pdf, doc)
    await send_file(
        bot, user.chat_id, data, service.file_name(doc), views.caption(texts, lang, doc)
    )


async def star(supervision: Supervision, bot: Bot, user: User, replied_to: int | None) -> None:
    """/ster: a ⭐ on her last answer (or the one she replied to); again: the star comes off."""
    done = await supervision.toggle_star(user, replied_to)
    await send(bot, user.chat_id, views.star_reply(supervision.texts, user.language, done))


async def _scope_screen(supervision: Supervision, user: User, span: str) -> Screen:
    starred = await supervision.document(user, span, starred_only=True)
    return views.scope_screen(
        supervision.texts,
        user.language,
        span,
        starred.start,
        starred.end,
        stars=service.has_words(starred),
    )
