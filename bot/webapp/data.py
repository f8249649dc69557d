"""The one read behind the Mini App: the signing user's own history, as one zoom level.

A view of a long history is real work (ten years of answers: opened, grouped, summarised,
turned into JSON), so it is done in a worker thread, never on the bot's event loop; one at a
time per user, and kept a short while, keyed by the user's data version.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.core.clock import Clock
from bot.core.formatting import tidy
from bot.core.schedule import local_today
from bot.core.services import Services
from bot.core.texts import Catalog
from bot.verrekijker import Quote
from bot.webapp.init_data import WebAppUser
from bot.webapp.limits import UserQueue, ViewCache
from bot.webapp.payload import QuoteStars, shell, view_json
from bot.webapp.periods import Level, build_period
from prompts import Content
from storage import Language
from storage.cycle import CycleRepository, IntentionPair
from storage.history import HistoryRepository, SealedHistory
from storage.models import LANGUAGES, ReflectionDay
from storage.stars import StarRepository
from storage.users import UserRepository

VIEW_THREADS = 1  # views of all users, one at a time: the event loop keeps the rest of the GIL


@dataclass(frozen=True)
class MiniApp:
    """What the Mini App's server reads and writes, bound once when it starts
    (bot/webapp/lifecycle.py): the users (who signed), her history, her stars and intentions,
    the content and texts of a view, the clock (her today), and the language of a page for
    someone unknown."""

    users: UserRepository
    history: HistoryRepository
    stars: StarRepository
    cycle: CycleRepository
    content: Content
    texts: Catalog
    clock: Clock
    default_language: Language

    @classmethod
    def bound(cls, services: Services) -> MiniApp:
        """Bound to the application's storage, content, texts, clock and default language."""
        storage, language = services.storage, services.settings.default_language
        repositories = (storage.users, storage.history, storage.stars, storage.cycle)
        return cls(*repositories, services.content, services.texts, services.clock, language)


def _view(
    mini_app: MiniApp,
    rows: SealedHistory,
    level: Level,
    at: date | None,
    day: date,
    lang: str,
    starred: frozenset[int] = frozenset(),
    intentions: Sequence[IntentionPair] = (),
) -> bytes:
    """In the worker thread: open the history, build the period, encode the page's JSON."""
    history = rows.days()
    body = shell(mini_app.texts, lang)
    if not history:
        return encode({**body, "empty": True})
    view = build_period(history, level, at or day, day, mini_app.content)
    stars = quote_stars(history, starred)
    return encode(
        {
            **body,
            "empty": False,
            "today": day.isoformat(),
            "view": view_json(view, mini_app.texts, lang, mini_app.content, stars),
            "intentions": intentions_json(intentions, view.first, view.last),
        }
    )


def intentions_json(
    intentions: Sequence[IntentionPair], first: date, last: date
) -> list[dict[str, Any]]:
    """Her intentions set in the period shown, with how they went (the weekly talk's)."""
    return [
        {
            "set_on": i.set_on.isoformat(),
            "text": tidy(i.text),
            "outcome": None if i.outcome is None else tidy(i.outcome),
        }
        for i in intentions
        if first <= i.set_on <= last
    ]


def quote_stars(days: Iterable[ReflectionDay], starred: frozenset[int]) -> QuoteStars:
    """Each quote's answer id and star, in the order the quotes are made (a quote written twice
    the same day has both). A day with heavy words has none: no star, and never in the PDF."""
    found: dict[Quote, list[tuple[int, bool]]] = {}
    for day in sorted(days, key=lambda d: d.local_date):
        if day.care_mark is not None:
            continue
        for asked in day.questions:
            for text, answer_id in zip(asked.answers, asked.answer_ids, strict=False):
                if shown := tidy(text):
                    quote = Quote(day.local_date, day.signpost, asked.question, shown)
                    found.setdefault(quote, []).append((answer_id, answer_id in starred))
    return {quote: tuple(ids) for quote, ids in found.items()}


async def set_star(mini_app: MiniApp, user_id: int, answer_id: int, starred: bool) -> bool | None:
    """Her ⭐ on her answer, or taken off: whether it is starred now. None when she has no such
    answer, or it is of a day with heavy words (those stay out of the PDF: no star)."""
    stars = mini_app.stars
    target = await stars.answer(user_id, answer_id)
    if target is None or target.care_mark is not None:
        return None
    return await stars.set(user_id, answer_id, starred, mini_app.clock.now())


def encode(body: dict[str, Any]) -> bytes:
    """The page's JSON, as aiohttp's json_response writes it."""
    return json.dumps(body).encode()


class Views:
    """Builds the page's data off the event loop; `close()` with the server."""

    def __init__(self, mini_app: MiniApp) -> None:
        self._mini_app = mini_app
        self._threads = ThreadPoolExecutor(VIEW_THREADS, thread_name_prefix="webapp-view")
        self._queue = UserQueue()
        self._cache = ViewCache()

    async def answer(self, signed: WebAppUser, level: Level, at: date | None) -> bytes:
        """The page's JSON for the user Telegram signed for, and only for them.

        Someone unknown (never started, or erased) gets the kind first view: Telegram vouches
        for who they are, and they simply have nothing stored here. Busy when they already
        have enough requests in hand.
        """
        mini_app, user_id = self._mini_app, signed.user_id
        async with self._queue.turn(user_id):
            user = await mini_app.users.get(user_id)
            if user is None:
                self._cache.forget(user_id)  # erased: nothing of theirs stays, here either
                if signed.language_code in LANGUAGES:
                    lang = signed.language_code
                else:
                    lang = mini_app.default_language
                return encode({**shell(mini_app.texts, lang), "empty": True})
            version = await mini_app.history.version(user_id)
            starred = await mini_app.stars.starred(user_id)
            day = local_today(mini_app.clock, user.timezone)
            key = (version, user.language, level, at, day, starred)
            cached = self._cache.get(user_id, key)
            if cached is not None:
                return cached
            self._cache.forget(user_id, keep=lambda old: old[0] == version)  # type: ignore[index]
            rows = await mini_app.history.sealed_history(user_id)
            intentions = await mini_app.cycle.intentions(user_id)
            loop = asyncio.get_running_loop()
            body = await loop.run_in_executor(
                self._threads,
                _view,
                mini_app,
                rows,
                level,
                at,
                day,
                user.language,
                starred,
                intentions,
            )
            self._cache.put(user_id, key, body)
            return body

    def close(self) -> None:
        """Let the worker thread end once its view in hand is done."""
        self._threads.shutdown(wait=False, cancel_futures=True)


async def user_view(
    mini_app: MiniApp, signed: WebAppUser, level: Level, at: date | None
) -> dict[str, Any]:
    """The page's data as a dict, built at once (benchmarks and tests of the view alone)."""
    views = Views(mini_app)
    try:
        return dict(json.loads(await views.answer(signed, level, at)))
    finally:
        views.close()
