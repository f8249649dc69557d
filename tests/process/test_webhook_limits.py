"""`python -m bot run --webhook` as a real process: size limit first, 200 only once stored."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import httpx
import pytest

from standin import StandIn
from tests.helpers import free_port

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-secret-of-sufficient-length_42"
MB = 1024 * 1024


def _start(api: StandIn, database: Path, port: int, cwd: Path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(database),
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    return asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run", "--webhook"),
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _listening(port: int) -> None:
    for _attempt in range(100):  # the server listens right before setWebhook
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise TimeoutError("the webhook server did not listen")


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def _post_raw(port: int, headers: dict[str, str], chunks, *, chunked: bool = False) -> str:
    """Send a request piece by piece, reading meanwhile; the status line, once it comes.

    Sending stops as soon as the server answered: it may refuse before reading the body.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    if chunked:
        head += "Transfer-Encoding: chunked\r\n"
    writer.write((head + "\r\n").encode())
    status = asyncio.ensure_future(reader.readline())
    try:
        for chunk in chunks:
            if status.done():
                break
            writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
            await writer.drain()
            await asyncio.sleep(0.01)  # room to read the answer before sending more
        line = await asyncio.wait_for(status, timeout=30)
    finally:
        writer.close()
    return line.decode().strip()


async def test_webhook_refuses_big_bodies_unread_and_answers_200_after_storing(tmp_path):
    port, database = free_port(), tmp_path / "hook.sqlite3"
    async with StandIn() as api:
        first = await _start(api, database, port, tmp_path)
        try:
            hook = await api.wait_for(lambda call: call.method == "setWebhook", timeout=30)
            assert hook.params["secret_token"] == SECRET
            await _listening(port)
            before = _rss_kb(first.pid)
            block = b"x" * (64 * 1024)
            # 90 MB announced and sent: refused from the header, before the body is read.
            status = await _post_raw(
                port,
                {"Content-Length": str(90 * MB), "X-Telegram-Bot-Api-Secret-Token": SECRET},
                (block for _ in range(90 * 16)),
            )
            assert status.startswith("HTTP/1.1 413"), status
            # Without the secret it is a 403, whatever the size.
            status = await _post_raw(port, {"Content-Length": str(90 * MB)}, [block])
            assert status.startswith("HTTP/1.1 403"), status
            # Chunked, so no length up front: cut off once past 1 MB.
            status = await _post_raw(
                port,
                {"X-Telegram-Bot-Api-Secret-Token": SECRET},
                (block for _ in range(90 * 16)),
                chunked=True,
            )
            assert status.startswith("HTTP/1.1 413"), status
            assert _rss_kb(first.pid) - before < 10 * 1024  # no body came into memory

            # A normal update: stored before the 200, so a kill right after it loses nothing.
            api.slow("sendMessage", 60)  # the reply cannot go out before the kill
            ann = api.user(1001, "Ann")
            update = api.send_command(ann, "/start")
            async with httpx.AsyncClient() as client:
                accepted = await client.post(
                    f"http://127.0.0.1:{port}/telegram",
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                )
            assert accepted.status_code == 200
            with sqlite3.connect(database) as db:
                kept = db.execute("SELECT update_id FROM inbox").fetchall()
            assert kept == [(update["update_id"],)]
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        assert api.messages(ann) == []

        api.clear_faults()
        second = await _start(api, database, port, tmp_path)
        try:
            await api.wait_for_messages(ann, 1, timeout=30)  # handled from the inbox
            assert "Sherpa" in (api.last_message(ann).text or "")
        finally:
            second.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
    assert second.returncode == 0, stderr.decode()
    assert SECRET not in stderr.decode()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM inbox").fetchone() == (0,)
