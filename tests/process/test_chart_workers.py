"""`python -m bot run` draws in chart worker processes that end with it, however it ends."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from standin import StandIn
from storage import Storage
from tests.helpers import add_due_users

pytestmark = pytest.mark.slow  # real processes, started and stopped

ROOT = Path(__file__).resolve().parents[2]


def descendants(pid: int) -> set[int]:
    """Every process below `pid`: the chart workers, their fork server, its helpers."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:
            continue
        for child in map(int, children):
            found |= {child, *descendants(child)}
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def until_gone(pids: set[int], timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while any(running(pid) for pid in pids):
            await asyncio.sleep(0.05)


async def bot_with_a_picture(
    api: StandIn, tmp_path: Path
) -> tuple[asyncio.subprocess.Process, set[int]]:
    """The bot, polling, after it drew one user's verrekijker; with the processes it started."""
    database = tmp_path / "sherpa.sqlite3"
    storage = await Storage.open(database)
    await add_due_users(storage, [1001], datetime.now(UTC) + timedelta(days=1))
    await storage.close()
    ann = api.user(1001, "Ann")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(database),
    }
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "run"),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        await api.wait_for(lambda call: call.method == "getUpdates", timeout=60)
        assert descendants(process.pid) == set()  # idle: no worker, no helper process yet
        api.send_command(ann, "/verrekijker")
        await api.wait_for(lambda call: call.method == "sendPhoto", timeout=120)
        started = descendants(process.pid)
        assert started  # the picture came from another process
    except BaseException:
        # Never leave a bot running: say what it logged, then end it (its workers follow).
        process.kill()
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        print(stderr.decode())
        raise
    return process, started


async def test_ctrl_c_stops_the_bot_and_its_chart_workers_cleanly(tmp_path):
    async with StandIn() as api:
        process, started = await bot_with_a_picture(api, tmp_path)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C: every process of the group
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log and "KeyboardInterrupt" not in log
    await until_gone(started)


async def test_a_killed_bot_leaves_no_chart_worker_behind(tmp_path):
    async with StandIn() as api:
        process, started = await bot_with_a_picture(api, tmp_path)
        process.send_signal(signal.SIGKILL)
        await until_gone({process.pid, *started})
        await asyncio.wait_for(process.wait(), timeout=30)  # its stderr: no worker holds it
