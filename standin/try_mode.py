"""`python -m bot try`: talk to Sherpa in the terminal, no token and no network."""

from __future__ import annotations

import asyncio
import re
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from html import unescape
from pathlib import Path
from typing import TextIO
from urllib.parse import quote
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.core.clock import ManualClock
from bot.webapp.init_data import for_user
from standin import FakeUser, SentMessage, StandIn, UploadedFile
from standin.sandbox import Sandbox

YOU = 1001
BANNER = """Sherpa, in your terminal. You are a practitioner chatting with the bot.
  Type text or commands (/start to begin, /help for the bot's commands).
  A number picks a button of the latest message.
  /_next   jump the clock to the next scheduled check-in
  /_edit TEXT   edit your last message
  /verrekijker  also prints a link that opens the verrekijker's Mini App in your browser
  /_quit   stop
"""
_TAG = re.compile(r"<[^>]+>")


class Terminal:
    """Prints the bot's messages and buttons as they arrive."""

    def __init__(self, out: TextIO, pictures: Path) -> None:
        self.out = out
        self.pictures = pictures
        self._shown: dict[int, str] = {}
        # Turns a web_app button's URL into a link a browser opens as Telegram would.
        self.mini_app: Callable[[str], str] | None = None

    def show(self, _chat_id: int, message: SentMessage) -> None:
        """Called by the stand-in for every message the bot sends or edits."""
        text = message.text or message.caption or ""
        if message.source_text and not message.text:
            text = unescape(_TAG.sub("", message.source_text))
        if self._shown.get(message.message_id) == text:
            return  # an edit that only removed buttons: nothing new to read
        self._shown[message.message_id] = text
        if isinstance(message.media, UploadedFile):
            self.pictures.mkdir(parents=True, exist_ok=True)
            path = self.pictures / (message.media.filename or f"file-{message.message_id}")
            path.write_bytes(message.media.data)
            text = f"[{message.kind}: {path}]\n{text}"
        label = "Sherpa (edited)" if message.edit_date else "Sherpa"
        print(f"\n{label} ▸ " + text.replace("\n", "\n    "), file=self.out)
        buttons = [b.text for row in message.buttons for b in row]
        if buttons:
            print("    " + "  ".join(f"[{n}] {b}" for n, b in enumerate(buttons, 1)), file=self.out)
        apps = [b.web_app for row in message.buttons for b in row if b.web_app]
        if apps and self.mini_app:
            link = self.mini_app(apps[0])
            print(f"    🔭 open the Mini App in your browser: {link}", file=self.out)
        self.out.flush()


async def try_in_terminal(
    settings: Settings,
    database: str | None = None,
    *,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> None:
    """Run the demo until /_quit or end of input."""
    with tempfile.TemporaryDirectory(prefix="sherpa-try-") as folder:
        path = Path(database) if database else Path(folder) / "try.sqlite3"
        port = free_port(settings.webapp_listen, settings.webapp_port)
        webapp = {"webapp_url": f"http://127.0.0.1:{port}/verrekijker/", "webapp_port": port}
        settings = settings.model_copy(update={"database_path": path, **webapp})
        clock = ManualClock()
        # Pictures and files the bot sends are kept after the demo, to open in a viewer.
        terminal = Terminal(stdout, Path(tempfile.gettempdir()) / "sherpa-try")
        api = StandIn(now=lambda: clock.now().timestamp(), on_bot_message=terminal.show)
        async with api:
            you = api.user(YOU, first_name="You", language_code=settings.default_language)
            terminal.mini_app = partial(signed_link, api.token, settings.default_language)
            async with Sandbox(settings, api, clock) as sandbox:
                print(BANNER, file=stdout, flush=True)
                await _conversation(sandbox, api, you, stdin, stdout)


def free_port(host: str, wanted: int) -> int:
    """WEBAPP_PORT if it is free, else any free port (a newcomer may run something on 8090)."""
    for port in (wanted, 0):
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError(f"no free port on {host}")


def signed_link(token: str, lang: str, url: str) -> str:
    """The Mini App's URL with launch data for the demo user, signed with the stand-in's token."""
    data = for_user(YOU, token, now=time.time(), first_name="You", lang=lang)
    return f"{url}#tgWebAppData={quote(data, safe='')}"


async def _conversation(
    sandbox: Sandbox, api: StandIn, you: FakeUser, stdin: TextIO, out: TextIO
) -> None:
    last_text_id: int | None = None
    while True:
        print("\nyou ▸ ", end="", file=out, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:  # end of input
            return
        line = line.strip()
        if not stdin.isatty():
            print(line, file=out)  # echo piped input so a transcript reads as a conversation
        if not line:
            continue
        if line == "/_quit":
            return
        if line == "/_next":
            moment = await sandbox.jump_to_next_due()
            if moment is None:
                print("    (nothing scheduled yet: finish /start first)", file=out)
            else:
                user = await sandbox.services.storage.users.get(YOU)
                zone = user.timezone if user else sandbox.settings.default_timezone
                local = moment.astimezone(ZoneInfo(zone))
                print(f"    ⏩ the clock jumps to {local:%A %d %B %H:%M} ({zone})", file=out)
                await sandbox.run_schedule()
        elif line.startswith("/_edit "):
            if last_text_id is None:
                print("    (nothing to edit yet)", file=out)
            else:
                api.edit_text(you, last_text_id, line.removeprefix("/_edit "))
        elif line.isdigit():
            try:
                api.press_button(you, int(line) - 1)
            except (LookupError, IndexError):
                print("    (no such button)", file=out)
            except ValueError:  # a web_app button: Telegram opens it, here a browser does
                print("    (that button opens the Mini App: use the link above)", file=out)
        else:
            update = api.send_text(you, line)
            if not line.startswith("/"):
                last_text_id = update["message"]["message_id"]
        await sandbox.settle()
