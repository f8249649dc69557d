"""The Mini App from real processes: `python -m bot try` prints a link that works, `run`
serves it in polling and in webhook mode and refuses a local http WEBAPP_URL with one line."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import aiohttp
import pytest

from standin import StandIn
from tests.helpers import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WORDS = "De koffie samen na het gesprek"


def _env(**values: str) -> dict[str, str]:
    clean = ("TELEGRAM_", "DATABASE_", "WEBAPP_", "WEBHOOK_")
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(clean)},
        "PYTHONPATH": str(ROOT),
        **values,
    }


async def _data(link: str) -> tuple[int, str]:
    page, _, fragment = link.partition("#")
    init_data = unquote(fragment.removeprefix("tgWebAppData="))
    headers = {"Authorization": "tma " + init_data}
    url = page.split("?")[0] + "data?level=all"
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as response:
        return response.status, await response.text()


async def test_try_prints_a_signed_local_link_to_the_mini_app(tmp_path):
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "try"),
        cwd=tmp_path,
        env=_env(WEBAPP_PORT=str(free_port())),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin and process.stdout
    conversation = ["/start", "1", "8", "1", "1", "/today", WORDS, "Nog iets", "4", "3"]
    process.stdin.write(("\n".join([*conversation, "/verrekijker"]) + "\n").encode())
    await process.stdin.drain()
    link, seen = None, []
    try:
        async with asyncio.timeout(60):
            while link is None:
                line = (await process.stdout.readline()).decode()
                assert line, "".join(seen)
                seen.append(line)
                if "open the Mini App in your browser: " in line:
                    link = line.split("browser: ", 1)[1].strip()
        assert link.startswith("http://127.0.0.1:") and "#tgWebAppData=" in link
        status, body = await _data(link)
        assert status == 200 and WORDS in body  # the demo user's own words, over real HTTP
    finally:
        process.stdin.write(b"/_quit\n")
        await process.stdin.drain()
        await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_run_serves_the_mini_app_in_both_modes(tmp_path, mode):
    port, hook_port = free_port(), free_port()
    webhook = {
        "WEBHOOK_URL": f"http://127.0.0.1:{hook_port}/telegram",
        "WEBHOOK_SECRET": "a-secret-of-sufficient-length_42",
        "WEBHOOK_PORT": str(hook_port),
    }
    async with StandIn() as api:
        env = _env(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_BASE_URL=api.base_url,
            DATABASE_PATH=str(tmp_path / "sherpa.sqlite3"),
            WEBAPP_URL="https://sherpa.example.org/verrekijker/",
            WEBAPP_PORT=str(port),
            **(webhook if mode == "webhook" else {}),
        )
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot", "run", *(["--webhook"] if mode == "webhook" else [])),
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await api.wait_for(lambda call: call.method == "setChatMenuButton", timeout=30)
            page = f"http://127.0.0.1:{port}/verrekijker/"
            async with aiohttp.ClientSession() as http:
                async with http.get(page) as response:
                    assert response.status == 200 and "app.js" in await response.text()
                async with http.get(page + "data") as response:
                    assert response.status == 401
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()


def test_run_refuses_a_local_http_webapp_url_with_one_line(tmp_path):
    env = _env(
        TELEGRAM_BOT_TOKEN="123:abc",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",  # never reached
        DATABASE_PATH=str(tmp_path / "sherpa.sqlite3"),
        WEBAPP_URL="http://127.0.0.1:8090/verrekijker/",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "WEBAPP_URL: Telegram opens Mini Apps only over https://" in lines[0]
