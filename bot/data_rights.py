"""The practitioner's rights over their data: a full export (the erase lives in storage)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from bot.export import ExportFile, export_files
from bot.texts import Catalog
from prompts import Content
from storage import Storage, User


async def build_export(
    storage: Storage, content: Content, texts: Catalog, user: User, now: datetime
) -> list[ExportFile]:
    """The user's export files, built in a thread: a long history is real work."""
    checkins = await storage.history.export(user.user_id)
    return await asyncio.to_thread(export_files, user, checkins, content, texts, now)


def write_files(files: list[ExportFile], folder: Path) -> list[Path]:
    """Write export files to a folder only the owner can read (for an operator's data request)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for file in files:
        path = folder / file.name
        path.touch(mode=0o600, exist_ok=True)
        path.write_bytes(file.data)
        written.append(path)
    return written
