"""The Bot API stand-in as its own process, so a benchmark measures only the bot's CPU.

    python benchmarks/standin_process.py --port 8099 --users 10000 [--limit 30]

Prints "ready" once serving; on SIGTERM prints its counters as one JSON line and exits.
A line "answer TEXT" on stdin makes every user send TEXT (for a bot that polls); a line
"count" prints how many messages were sent so far.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys

from standin import StandIn


def busiest_second(moments: list[float]) -> int:
    """The most sends within any one second (a sliding window)."""
    most, start = 0, 0
    for end, moment in enumerate(moments):
        while moments[start] <= moment - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def obey(api: StandIn, users: int) -> None:
    """Commands on stdin: "answer TEXT" (every user sends it), "count" (messages sent)."""
    while line := await asyncio.to_thread(sys.stdin.readline):
        command, _, text = line.rstrip("\n").partition(" ")
        if command == "answer":
            for user_id in range(1, users + 1):
                api.send_text(api.user(user_id, f"U{user_id}"), text)
        elif command == "count":
            sent = [c for c in api.calls_to("sendMessage") if c.error is None]
            print(len(sent), flush=True)


async def serve(port: int, users: int, limit: float | None) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    api = StandIn()
    await api.start(port=port)
    for user_id in range(1, users + 1):
        api.user(user_id, f"U{user_id}")
    if limit:
        api.rate_limit(global_per_second=limit, per_chat_per_second=1.0)
    print("ready", flush=True)
    commands = asyncio.get_running_loop().create_task(obey(api, users))
    await stop.wait()
    commands.cancel()
    sends = [c for c in api.calls_to("sendMessage") if c.error is None]
    chats = {c.params.get("chat_id") for c in sends}
    stats = {
        "sent": len(sends),
        "duplicates": len(sends) - len(chats),  # one message per chat is expected
        "busiest_second": busiest_second(sorted(c.received for c in sends)),
        "first": sends[0].received if sends else None,
        "last": sends[-1].received if sends else None,
        "too_many_requests": api.stats.too_many_requests,
        "ignored_retry_after": api.stats.ignored_retry_after,
    }
    print(json.dumps(stats), flush=True)
    await api.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--limit", type=float, default=None)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.users, args.limit))
