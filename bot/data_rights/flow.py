"""The practitioner's rights over their data: a full export (the erase lives in storage).

The operator's command writes it with bot.data_rights.export.safe_dir.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.core.texts import Catalog
from bot.data_rights.export import ExportFile, export_files
from prompts import Content
from storage import Storage, User


async def build_export(
    storage: Storage, content: Content, texts: Catalog, user: User, now: datetime
) -> list[ExportFile]:
    """The user's export files, built in a thread: a long history is real work."""
    checkins = await storage.history.export(user.user_id)
    return await asyncio.to_thread(export_files, user, checkins, content, texts, now)
