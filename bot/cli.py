"""The command line: run the bot, try it in the terminal, apply migrations."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from telegram.error import InvalidToken, NetworkError

from bot.config import ConfigError, Settings, load_settings
from bot.core.texts import CatalogError
from bot.logging_setup import configure_logging
from prompts import ContentError
from storage.crypto import CipherError, new_key
from storage.database import DatabaseUnavailable
from storage.instance_lock import InstanceLock

EXIT_CONFIG = 2

# A sub-command: the loaded settings and the parsed arguments in, the exit status out.
Command = Callable[[Settings, argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Sherpa: two minutes of reflection a day, on Telegram.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_parser = commands.add_parser(
        "run",
        help="run the bot with long polling (needs TELEGRAM_BOT_TOKEN)",
        description="Run the bot with long polling, or as a webhook server with --webhook"
        " (WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_LISTEN, WEBHOOK_PORT). Stops cleanly on Ctrl-C"
        " or SIGTERM.",
    )
    run_parser.add_argument(
        "--webhook", action="store_true", help="receive updates on a webhook instead of polling"
    )
    run_parser.set_defaults(run=_cmd_run)
    try_parser = commands.add_parser(
        "try",
        help="try the bot in this terminal: no token, no network",
        description=(
            "Talk to Sherpa in this terminal through a local stand-in of the Telegram Bot API."
            " Type messages and commands; pick a button by its number; /_next jumps the clock"
            " to the next scheduled check-in; /_quit ends."
        ),
    )
    try_parser.add_argument(
        "--database",
        help="keep the demo's data in this file (default: a temporary file, removed at exit)",
    )
    try_parser.set_defaults(run=_cmd_try)
    export_parser = commands.add_parser(
        "export",
        help="write one user's data export to a new owner-only folder (for a data request)",
        description="Write the same files /export sends (journal, JSON, CSV) to a folder. The"
        " folder is created owner-only (0700); an existing one must be empty, yours and closed"
        " to group and others.",
    )
    export_parser.add_argument("--user", type=int, required=True, help="Telegram user id")
    export_parser.add_argument("--out", type=Path, required=True, help="folder to create and fill")
    export_parser.set_defaults(run=_cmd_export)
    status_parser = commands.add_parser(
        "status",
        help="users, outbox and last send, from the database; exit 1 when delivery is stuck",
        description="Print users (active, paused, inactive), outbox counts by state, the oldest"
        " undelivered message and the last successful send. Exit status 1 when something has"
        " been ready to send for over 10 minutes (the bot is down or stuck). --json prints the"
        " same with the backlog /metrics serves and, with OPS_PORT set, that instance's"
        " counters.",
    )
    status_parser.add_argument(
        "--json", action="store_true", help="one JSON document (for scripts and monitors)"
    )
    status_parser.set_defaults(run=_cmd_status)
    new_key_parser = commands.add_parser(
        "new-key",
        help="print a fresh key for ANSWERS_ENCRYPTION_KEY",
        description="Print a fresh random key for ANSWERS_ENCRYPTION_KEY. Keep it outside the"
        " database and its backups; without it the answers cannot be read.",
    )
    new_key_parser.set_defaults(run=_cmd_new_key)
    rotate_parser = commands.add_parser(
        "rotate-key",
        help="re-encrypt every answer under ANSWERS_ENCRYPTION_KEY",
        description="Re-encrypt stored answers under ANSWERS_ENCRYPTION_KEY, in batches, while"
        " the bot keeps running. Put the previous key in ANSWERS_ENCRYPTION_OLD_KEYS first (and"
        " restart the bot with both), run this, then remove the old key. Without"
        " ANSWERS_ENCRYPTION_KEY it turns sealed answers back into plain text.",
    )
    rotate_parser.set_defaults(run=_cmd_rotate_key)
    copy_parser = commands.add_parser(
        "copy-db",
        help="copy the SQLite database into an empty PostgreSQL one (moving up)",
        description="Copy every table of the configured SQLite database (DATABASE_URL or"
        " DATABASE_PATH) into the empty PostgreSQL database named by --to, rows as stored:"
        " sealed answers stay sealed, no key is needed. Stop the bot first. Prints the rows of"
        " every table on both sides and what to change in .env.",
    )
    copy_parser.add_argument(
        "--to", required=True, metavar="postgresql://…", help="the empty PostgreSQL database"
    )
    copy_parser.set_defaults(run=_cmd_copy_db)
    migrate_parser = commands.add_parser(
        "migrate",
        help="apply pending database migrations",
        description="Apply pending database migrations to the database of DATABASE_URL (or"
        " DATABASE_PATH); run does this too.",
    )
    migrate_parser.set_defaults(run=_cmd_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    # retry_after as a timedelta, PTB's future default (no deprecation warning per 429).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    try:
        # Every command loads the settings first, so a bad .env fails the same way for all.
        settings = load_settings()
        command: Command = args.run
        return command(settings, args)
    except ConfigError as error:
        print(f"sherpa: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseUnavailable as error:
        print(f"sherpa: database error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except (ContentError, CatalogError) as error:
        print(f"sherpa: content error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except CipherError as error:
        print(f"sherpa: configuration error: ANSWERS_ENCRYPTION_KEY: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except InvalidToken:
        print(
            "sherpa: configuration error: TELEGRAM_BOT_TOKEN: Telegram refused this token"
            " (check it with @BotFather)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except NetworkError as error:
        # One line, no traceback: it could carry request details; the token is never printed.
        print(f"sherpa: cannot reach the Telegram Bot API: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


# One function per sub-command, bound with set_defaults(run=...) in _parser: each takes the
# loaded settings and the parsed arguments and returns the exit status. main turns the
# errors they raise into one line and an exit status.


def _log_as_configured(settings: Settings) -> None:
    configure_logging(settings.log_level, secrets=settings.secrets())


def _cmd_new_key(settings: Settings, args: argparse.Namespace) -> int:
    print(new_key())
    return 0


def _cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    token = settings.require_token()
    if args.webhook:
        settings.require_webhook()
    _log_as_configured(settings)
    from bot.runner import run

    run(settings, token, webhook=args.webhook)
    return 0


def _cmd_try(settings: Settings, args: argparse.Namespace) -> int:
    configure_logging("WARNING", secrets=[])
    from standin.try_mode import try_in_terminal

    # A kept demo database is a bot's database too: never two on one file.
    _demo_lock = InstanceLock.acquire(args.database, "try it") if args.database else None
    asyncio.run(try_in_terminal(settings, database=args.database))
    return 0


def _cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    _log_as_configured(settings)
    # A running bot must not see its schema change under it: stop it, migrate, start.
    _migrate_lock = InstanceLock.acquire(settings.database, "migrate")
    asyncio.run(_migrate(settings))
    return 0


def _cmd_copy_db(settings: Settings, args: argparse.Namespace) -> int:
    _log_as_configured(settings)
    # The bot must not write while its rows are copied: the lock a running bot holds.
    _copy_lock = InstanceLock.acquire(settings.database, "copy it")
    return asyncio.run(_copy_db(settings, args.to))


def _cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    return asyncio.run(_status(settings, as_json=args.json))


def _cmd_rotate_key(settings: Settings, args: argparse.Namespace) -> int:
    _log_as_configured(settings)
    asyncio.run(_rotate_key(settings))
    return 0


def _cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    _log_as_configured(settings)
    return asyncio.run(_export(settings, args.user, args.out))


async def _migrate(settings: Settings) -> None:
    from storage import Storage

    storage = await Storage.open(settings.database, cipher=settings.answer_cipher())
    applied = storage.applied
    await storage.close()
    print("applied: " + ", ".join(applied) if applied else "database is up to date")


async def _copy_db(settings: Settings, to: str) -> int:
    from storage.copy import CopyRefused, copy_database, masked
    from storage.url import DatabaseUrl

    try:
        target = DatabaseUrl.parse(to)
    except ValueError as error:
        raise ConfigError(f"--to: {error}") from None
    if target.engine != "postgresql":
        raise ConfigError("--to: name the PostgreSQL database, postgresql://user:password@host/db")
    print(f"copying {settings.database.shown} into {target.shown}", flush=True)
    try:
        counts = await copy_database(settings.database, target)
    except CopyRefused as error:
        print(f"sherpa: copy-db: {error}", file=sys.stderr)
        return EXIT_CONFIG
    print("rows per table, SQLite → PostgreSQL:")
    for count in counts:
        print(f"  {count.table}: {count.source} → {count.target}")
    if differ := [c.table for c in counts if c.source != c.target]:
        print(f"sherpa: copy-db: the rows differ in {', '.join(differ)}", file=sys.stderr)
        return 1
    print(
        f"every table arrived whole ({sum(c.source for c in counts)} rows).\n\n"
        "Now point the bot at PostgreSQL. In .env, set\n"
        f"  DATABASE_URL={masked(target)}\n"
        "with your real password where **** stands (keep your password: it is not shown\n"
        "here), and remove DATABASE_PATH. Keep ANSWERS_ENCRYPTION_KEY as it is: the answers\n"
        "were copied sealed. Keep the SQLite file as a backup until the bot runs well."
    )
    return 0


async def _export(settings: Settings, user_id: int, out: Path) -> int:
    from bot.app import build_services
    from bot.data_rights.export.safe_dir import write_private
    from bot.data_rights.service import build_export
    from storage import Storage

    storage = await Storage.open(settings.database, cipher=settings.answer_cipher())
    try:
        services = build_services(settings, storage)
        user = await storage.users.get(user_id)
        if user is None:
            print(f"sherpa: no user {user_id} in {settings.database.shown}", file=sys.stderr)
            return 1
        files = await build_export(
            storage, services.content, services.texts, user, services.clock.now()
        )
    finally:
        await storage.close()
    # An unsafe folder raises UnsafeFolder, a ConfigError: one line, exit 2, nothing written.
    for path in write_private(files, out):
        print(path)
    return 0


async def _rotate_key(settings: Settings) -> None:
    from storage import Storage

    storage = await Storage.open(settings.database, cipher=settings.answer_cipher())
    total = 0
    try:
        # Small batches, each its own transaction: the running bot keeps reading and writing.
        while done := await storage.checkins.reseal(batch=500):
            total += done
            await asyncio.sleep(0)
        await storage.pending.reseal()
        await storage.inbox.reseal()  # updates a crash left waiting hold words too
    finally:
        await storage.close()
    target = "the current key" if settings.answer_cipher().enabled else "plain text"
    print(f"re-encrypted {total} answers to {target}")


async def _status(settings: Settings, *, as_json: bool = False) -> int:
    import json
    from datetime import UTC, datetime

    from bot.status import status, status_document
    from storage import Storage

    storage = await Storage.open(settings.database, cipher=settings.answer_cipher())
    try:
        if as_json:
            url = None
            if settings.ops_port:
                url = f"http://{settings.ops_listen}:{settings.ops_port}/metrics"
            document = await status_document(storage, datetime.now(UTC), url)
            print(json.dumps(document, indent=2, sort_keys=True))
            return 1 if document["stuck"] else 0
        lines, stuck = await status(storage, datetime.now(UTC))
    finally:
        await storage.close()
    print("\n".join(lines))
    return 1 if stuck else 0
