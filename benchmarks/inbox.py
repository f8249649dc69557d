"""What the durable inbox costs per incoming update: stored before it is confirmed, then removed.

    python benchmarks/inbox.py [--updates 2000]

Side by side: a bare asyncio.Queue (what python-telegram-bot's Updater puts updates on), and
the inbox's store and remove on a real SQLite file, plain and sealed with an answer key.
Prints a table; the figures and how they were taken are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from storage import AnswerCipher, Storage, new_key, parse_key

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def update_json(update_id: int) -> str:
    """An answer as Telegram sends it: a private text message of a few sentences."""
    text = "Vandaag luisterde ik eerst en pas daarna kwam het plan. " * 3
    return json.dumps(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 1772465400,
                "chat": {"id": 1000 + update_id % 200, "type": "private", "first_name": "Ann"},
                "from": {"id": 1000 + update_id % 200, "is_bot": False, "first_name": "Ann"},
                "text": text,
            },
        }
    )


async def bare_queue(bodies: list[str]) -> float:
    """Microseconds per update for the baseline: put on a plain queue, taken off again."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    start = time.perf_counter()
    for body in bodies:
        await queue.put(body)
        queue.get_nowait()
    return (time.perf_counter() - start) / len(bodies) * 1e6


async def inbox(bodies: list[str], cipher: AnswerCipher | None) -> tuple[float, float]:
    """Milliseconds per update to store it and to remove it, one at a time as the bot does."""
    with tempfile.TemporaryDirectory() as folder:
        storage = await Storage.open(Path(folder) / "sherpa.sqlite3", cipher=cipher)
        try:
            start = time.perf_counter()
            for update_id, body in enumerate(bodies, 1):
                await storage.inbox.store(update_id, 1000 + update_id % 200, body, NOW)
            stored = time.perf_counter() - start
            start = time.perf_counter()
            for update_id in range(1, len(bodies) + 1):
                await storage.inbox.remove(update_id)
            removed = time.perf_counter() - start
        finally:
            await storage.close()
    return stored / len(bodies) * 1e3, removed / len(bodies) * 1e3


async def main(updates: int) -> None:
    bodies = [update_json(i) for i in range(1, updates + 1)]
    sealed = AnswerCipher(parse_key(new_key()))
    baseline = await bare_queue(bodies)
    plain_store, plain_remove = await inbox(bodies, None)
    sealed_store, sealed_remove = await inbox(bodies, sealed)
    print(f"{updates} updates of {len(bodies[0])} bytes")
    print("| path | store (ms per update) | remove (ms per update) |")
    print("|---|--:|--:|")
    print(f"| bare asyncio.Queue (PTB's own) | {baseline / 1e3:.4f} | – |")
    print(f"| inbox, plain text | {plain_store:.3f} | {plain_remove:.3f} |")
    print(f"| inbox, sealed (AES-GCM) | {sealed_store:.3f} | {sealed_remove:.3f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    asyncio.run(main(parser.parse_args().updates))
