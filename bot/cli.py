"""The command line: run the bot, try it in the terminal, apply migrations."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.config import ConfigError, Settings, load_settings
from bot.logging_setup import configure_logging
from bot.texts import CatalogError
from prompts import ContentError

EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Sherpa: two minutes of reflection a day, on Telegram.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run",
        help="run the bot with long polling (needs TELEGRAM_BOT_TOKEN)",
        description="Run the bot with long polling. Stops cleanly on Ctrl-C or SIGTERM.",
    )
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
    commands.add_parser(
        "migrate",
        help="apply pending database migrations",
        description="Apply pending database migrations to DATABASE_PATH (run does this too).",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "run":
            token = settings.require_token()
            configure_logging(settings.log_level, secrets=[token])
            from bot.runner import run

            run(settings, token)
        elif args.command == "try":
            configure_logging("WARNING", secrets=[])
            from bot.try_mode import try_in_terminal

            asyncio.run(try_in_terminal(settings, database=args.database))
        elif args.command == "migrate":
            configure_logging(settings.log_level, secrets=[])
            asyncio.run(_migrate(settings))
    except ConfigError as error:
        print(f"sherpa: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except (ContentError, CatalogError) as error:
        print(f"sherpa: content error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    return 0


async def _migrate(settings: Settings) -> None:
    from storage import Storage

    storage = await Storage.open(settings.database_path, apply_migrations=False)
    try:
        applied = await storage.migrate()
    finally:
        await storage.close()
    print("applied: " + ", ".join(applied) if applied else "database is up to date")
