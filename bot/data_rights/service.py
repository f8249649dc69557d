"""The practitioner's rights over their data, decided and carried out: the export's files, undoing
the last answer, erasing everything (the erase itself lives in storage). No Telegram here."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock
from bot.core.services import Services
from bot.core.texts import Catalog
from bot.data_rights.export import ExportFile, export_files
from prompts import Content
from storage import Language, Storage, User

log = logging.getLogger(__name__)
PREVIEW = 60  # characters of the removed answer /undo shows back


async def build_export(
    storage: Storage, content: Content, texts: Catalog, user: User, now: datetime
) -> list[ExportFile]:
    """The user's export files, built in a thread: a long history is real work."""
    checkins = await storage.history.export(user.user_id)
    shown = await storage.care.last_offered(user.user_id)
    return await asyncio.to_thread(export_files, user, checkins, content, texts, now, shown)


@dataclass(frozen=True)
class DataRights:
    """/export, /undo and /delete, bound once (bot/app.py) to what they read and write: the
    storage (the erase takes everything about her, and says whether a trace on disk is still
    due to go), the content and the texts of the export, the clock, and the language of a
    reply to someone no longer known. The handlers reach it through the typed context
    (`context.part(DataRights)`) and hand it to the dialog."""

    storage: Storage
    content: Content
    texts: Catalog
    clock: Clock
    default_language: Language

    @classmethod
    def bound(cls, services: Services) -> DataRights:
        """Bound to the application's storage, content, texts, clock and default language."""
        language = services.settings.default_language
        return cls(services.storage, services.content, services.texts, services.clock, language)

    async def export(self, user: User) -> list[ExportFile]:
        """/export: the user's files as of now."""
        return await build_export(self.storage, self.content, self.texts, user, self.clock.now())

    async def answer_count(self, user: User) -> int:
        """How many answers an erase would take with it (said before the confirming tap)."""
        return await self.storage.checkins.count_answers(user.user_id)

    async def undo_last(self, user: User) -> str | None:
        """Remove the last stored answer; its start as a preview, or None when there was none."""
        removed = await self.storage.checkins.delete_last_answer(user.user_id)
        if removed is None:
            return None
        return removed if len(removed) <= PREVIEW else removed[: PREVIEW - 1].rstrip() + "…"

    async def erase(self, user: User) -> bool:
        """Erase the user and everything about them; False while a trace on disk is still due
        to go (the rows are gone; the files follow), so the reply says only what is true."""
        await self.storage.users.delete(user.user_id)
        log.info("user %s erased their data", user.user_id)
        return not self.storage.erase_trace_pending
