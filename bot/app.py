"""The composition root: builds the Application and registers every handler and job."""

from __future__ import annotations

import logging
from datetime import UTC
from random import Random

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot import accounts, dispatch
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.handlers import checkin, misc, preferences, privacy, setup, weekly
from bot.services import SERVICES_KEY, Services, SherpaContext
from bot.texts import LANGUAGES, Catalog
from prompts import load_content
from storage import Storage

log = logging.getLogger(__name__)

COMMANDS = (
    "today",
    "settings",
    "time",
    "days",
    "tz",
    "lang",
    "questions",
    "pause",
    "resume",
    "export",
    "delete",
    "help",
)
PRIVATE = filters.ChatType.PRIVATE


def build_services(
    settings: Settings, clock: Clock | None = None, rng: Random | None = None
) -> Services:
    """Load and validate content and texts (a content error stops the start here)."""
    return Services(
        settings=settings,
        content=load_content(),
        texts=Catalog.load(),
        clock=clock or SystemClock(),
        rng=rng or Random(),
    )


def build_application(
    settings: Settings, services: Services, *, token: str, base_url: str | None = None
) -> Application:
    """The bot: handlers in visible order, the schedule reader, resources on the app lifecycle."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url or settings.telegram_api_base_url)
        .context_types(ContextTypes(context=SherpaContext))
        .defaults(Defaults(tzinfo=UTC))  # naive JobQueue times would mean UTC anyway
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services

    # Order matters: commands first, then buttons, then free text, then everything else.
    add = application.add_handler
    add(CommandHandler("start", setup.start, filters=PRIVATE))
    add(CommandHandler("settings", setup.settings, filters=PRIVATE))
    add(CommandHandler("today", checkin.today, filters=PRIVATE))
    add(CommandHandler("verrekijker", weekly.verrekijker, filters=PRIVATE))
    for command in preferences.SHORTCUTS:
        add(CommandHandler(command, preferences.shortcut(command), filters=PRIVATE))
    add(CommandHandler("pause", preferences.pause, filters=PRIVATE))
    add(CommandHandler("resume", preferences.resume, filters=PRIVATE))
    add(CommandHandler("export", privacy.export_command, filters=PRIVATE))
    add(CommandHandler("delete", privacy.delete_command, filters=PRIVATE))
    add(CommandHandler("help", misc.help_command, filters=PRIVATE))
    add(MessageHandler(PRIVATE & filters.COMMAND, misc.unknown_command))
    add(CallbackQueryHandler(checkin.step_button, pattern=r"^[ak]:"))
    add(CallbackQueryHandler(setup.choice, pattern=r"^s:"))
    add(CallbackQueryHandler(weekly.view_button, pattern=r"^v:"))
    add(CallbackQueryHandler(privacy.confirm_button, pattern=r"^c:"))
    add(
        MessageHandler(
            PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT, checkin.edited_answer
        )
    )
    add(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT, checkin.text_answer))
    add(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT, misc.not_text))
    application.add_error_handler(misc.on_error)
    return application


async def _post_init(application: Application) -> None:
    """Open the database, set the command menus, start the schedule reader."""
    services: Services = application.bot_data[SERVICES_KEY]
    settings = services.settings
    storage = await Storage.open(settings.database_path, cipher=settings.answer_cipher())
    services.attach_storage(storage)
    if filled := await accounts.backfill_schedules(services):
        log.info("scheduled the weekly messages of %s existing users", filled)
    await _set_command_menus(application, services)
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        _dispatch_job,
        interval=services.settings.schedule_interval,
        first=0,
        name="dispatch-due",
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )


async def _post_shutdown(application: Application) -> None:
    """Close the database after the last update was handled."""
    services: Services = application.bot_data[SERVICES_KEY]
    services.charts.shutdown(wait=True)
    if services.storage_open:
        await services.storage.close()
        services.attach_storage(None)


async def _dispatch_job(context: SherpaContext) -> None:
    """Send the check-ins that are due (the database is the schedule)."""
    await dispatch.dispatch_due(context.services, context.bot)


async def _set_command_menus(application: Application, services: Services) -> None:
    """One command menu per language; a failure here must not stop the bot."""
    for lang in (None, *LANGUAGES):
        shown = lang or services.settings.default_language
        commands = [BotCommand(c, services.texts.text(shown, f"commands.{c}")) for c in COMMANDS]
        try:
            await application.bot.set_my_commands(commands, language_code=lang)
        except TelegramError as error:
            log.warning("could not set the command menu (%s): %s", lang or "default", error.message)
