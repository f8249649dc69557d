"""The composition root: builds the services, the Application and the runtime, and registers
every handler and job. The storage is opened here, before the Application is built, and closed
by whoever opened it after the Application shut down (bot/runner.py, standin/sandbox.py)."""

from __future__ import annotations

import logging
import re
from datetime import UTC
from datetime import time as dtime
from random import Random

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.account import handlers as preferences
from bot.account import handlers as setup
from bot.account import service as accounts
from bot.account.changes import SETTINGS
from bot.account.service import Accounts
from bot.care import distress
from bot.care import handlers as care
from bot.care.callbacks import CARE
from bot.care.helplines import helplines
from bot.care.service import Care
from bot.checkin import handlers as checkin
from bot.checkin.callbacks import SCALE, SKIP
from bot.checkin.kinds import KINDS as CHECKIN_KINDS
from bot.checkin.service import Checkins
from bot.config import Settings
from bot.core.callbacks import ButtonSet
from bot.core.clock import Clock, SystemClock
from bot.core.presence import Presence
from bot.core.replies import acknowledge
from bot.core.runtime import Runtime
from bot.core.services import BotData, Services, SherpaApp, SherpaContext
from bot.core.texts import Catalog
from bot.core.turns import Turns
from bot.data_rights import handlers as privacy
from bot.data_rights.callbacks import CONFIRM
from bot.data_rights.service import DataRights
from bot.delivery import reader
from bot.delivery.limiter import SherpaRateLimiter
from bot.delivery.pacing import bulk_schedule
from bot.delivery.worker import outbox_worker
from bot.handlers import fallbacks as misc
from bot.incoming.inbox import DurableUpdateQueue
from bot.incoming.ordering import PerUserUpdateProcessor
from bot.ops.requests import LeanRequest
from bot.ops.server import start_ops, stop_ops
from bot.privacy_guard.callbacks import GUARD
from bot.supervision import handlers as supervision
from bot.supervision.callbacks import PERIOD
from bot.supervision.service import Supervision
from bot.teams import handlers as teams
from bot.teams.callbacks import TEAM
from bot.teams.codes import START_PREFIX
from bot.teams.kinds import KINDS as TEAM_KINDS
from bot.teams.service import Teams
from bot.verrekijker import handlers as weekly
from bot.verrekijker.callbacks import VIEW
from bot.verrekijker.kinds import KINDS as WEEKLY_KINDS
from bot.verrekijker.pool import ChartPool
from bot.verrekijker.service import Verrekijker
from bot.webapp.lifecycle import start_webapp, stop_webapp
from prompts import load_content
from storage import Storage
from storage.models import LANGUAGES

log = logging.getLogger(__name__)

COMMANDS = (
    "today",
    "verrekijker",
    "settings",
    "time",
    "days",
    "week",
    "tz",
    "lang",
    "questions",
    "nudges",
    "team",
    "pause",
    "resume",
    "supervision",
    "star",
    "undo",
    "export",
    "delete",
    "support",
    "help",
)
# A command may have its own name per language.
MENU_NAMES = {
    ("support", "nl"): "steun",
    ("supervision", "nl"): "supervisie",
    ("star", "nl"): "ster",
}
# The menu's line of a command, where its feature keeps it (else commands.<name>).
MENU_TEXTS = {
    "supervision": "supervision.commands.supervision",
    "star": "supervision.commands.star",
}
PRIVATE = filters.ChatType.PRIVATE
# Every feature's buttons with the handler of their taps, listed once: the prefixes are
# checked to be distinct (at import), and each gets its handler.
BUTTON_HANDLERS = (
    (SCALE, checkin.step_button),
    (SKIP, checkin.step_button),
    (SETTINGS, setup.choice),
    (VIEW, weekly.view_button),
    (CONFIRM, privacy.confirm_button),
    (TEAM, teams.team_button),
    (GUARD, checkin.guard_button),
    (CARE, checkin.care_button),
    (PERIOD, supervision.period_button),
)
BUTTONS = ButtonSet(buttons for buttons, _ in BUTTON_HANDLERS)
# Every feature's scheduled kinds, per-user ones first: the reader queues them in this order.
KINDS = (*CHECKIN_KINDS, *WEEKLY_KINDS, *TEAM_KINDS)


async def open_storage(settings: Settings) -> Storage:
    """The one place the database is opened: pending migrations run, a wrong key stops here."""
    return await Storage.open(settings.database, cipher=settings.answer_cipher())


def build_services(
    settings: Settings, storage: Storage, clock: Clock | None = None, rng: Random | None = None
) -> Services:
    """Load and validate content, texts and the support lines (an error stops the start here);
    ready the distress reader before anyone writes."""
    helplines()
    distress.prepare()
    return Services(
        settings=settings,
        content=load_content(),
        texts=Catalog.load(),
        clock=clock or SystemClock(),
        rng=rng or Random(),
        storage=storage,
        kinds=KINDS,
    )


def build_application(services: Services, *, token: str, base_url: str | None = None) -> SherpaApp:
    """The bot: handlers in visible order, the schedule reader, the runtime on its lifecycle."""
    settings = services.settings
    # This instance's presence holds all it holds across instances: inbox rows, outbox items,
    # the people whose turn it has (INBOX_LEASE is the lease of all of them).
    presence = Presence(services.storage, settings.inbox_lease)
    turns = Turns(services.storage, presence)
    # Every update is stored before Telegram hears it arrived, and forgotten once handled.
    inbox = DurableUpdateQueue(services.storage, services.clock, presence, turns)
    application = (
        ApplicationBuilder()
        .update_queue(inbox)
        # A batch is stored before it is confirmed (this request is counted for /metrics too).
        .get_updates_request(inbox.polled_request())
        .token(token)
        .base_url(base_url or settings.telegram_api_base_url)
        # Every other call over aiohttp (a quarter of httpx's CPU per call; PTB's pool size
        # and timeouts), counted by method and result for /metrics.
        .request(LeanRequest(connection_pool_size=256))
        .context_types(ContextTypes(context=SherpaContext, bot_data=BotData))
        .defaults(Defaults(tzinfo=UTC))  # naive JobQueue times would mean UTC anyway
        .rate_limiter(  # OUTBOX_RATE is the bot's: on PostgreSQL the instances share it
            SherpaRateLimiter(
                rate=settings.outbox_rate,
                schedule=bulk_schedule(services.storage, settings.outbox_rate),
                fence=presence.check,  # a task that outlived our lease sends nothing
            )
        )
        .concurrent_updates(PerUserUpdateProcessor(max_concurrent_updates=64, turns=inbox))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    runtime = Runtime(
        lambda runtime: outbox_worker(
            services,
            application.bot_data,
            application.bot,
            runtime,
            presence,
            concurrency=settings.outbox_concurrency,
        ),
        charts=ChartPool(services.texts, settings.chart_workers),
        locks=turns,
    )
    application.bot_data.hand_over(services, runtime, presence)
    application.bot_data.provide(  # features bound once to what they need
        Supervision.bound(services),
        Care.bound(services),
        Checkins.bound(services),
        DataRights.bound(services),
        Teams.bound(services),
        Accounts.bound(services),
        Verrekijker.bound(services),
    )
    presence.on_renewal(turns.retry_releases)

    # First of all: a redelivered update (same update_id) is handled only once (the inbox
    # remembers it as handled when it leaves, bot/incoming/inbox.py).
    application.add_handler(TypeHandler(Update, _skip_if_handled), group=-50)
    # A tap counts only if that button is on that message: forged data and buttons already
    # taken away (an edited message) get a polite "expired" and change nothing.
    application.add_handler(CallbackQueryHandler(_refuse_unoffered_buttons), group=-40)

    # Order matters: commands first, then buttons, then free text, then everything else.
    add = application.add_handler
    # A /start from a team's invitation link (/start team_<code>) is the teams feature's.
    invited = filters.Regex(rf"^/start {re.escape(START_PREFIX)}")
    add(CommandHandler("start", teams.start_invited, filters=PRIVATE & invited))
    add(CommandHandler("start", setup.start, filters=PRIVATE))
    add(CommandHandler("settings", setup.settings, filters=PRIVATE))
    add(CommandHandler("today", checkin.today, filters=PRIVATE))
    add(CommandHandler("verrekijker", weekly.verrekijker, filters=PRIVATE))
    add(CommandHandler("team", teams.team_command, filters=PRIVATE))
    # In groups the bot answers only /team; every other handler here is for private chats.
    add(CommandHandler("team", teams.group_command, filters=filters.ChatType.GROUPS))
    for command in preferences.SHORTCUTS:
        add(CommandHandler(command, preferences.shortcut(command), filters=PRIVATE))
    add(CommandHandler("pause", preferences.pause, filters=PRIVATE))
    add(CommandHandler("resume", preferences.resume, filters=PRIVATE))
    add(CommandHandler("undo", privacy.undo, filters=PRIVATE))
    add(CommandHandler("export", privacy.export_command, filters=PRIVATE))
    add(CommandHandler("delete", privacy.delete_command, filters=PRIVATE))
    add(CommandHandler(("steun", "support"), care.support_command, filters=PRIVATE))
    add(
        CommandHandler(
            ("supervisie", "supervision"), supervision.supervision_command, filters=PRIVATE
        )
    )
    add(CommandHandler(("ster", "star"), supervision.star_command, filters=PRIVATE))
    add(CommandHandler("help", misc.help_command, filters=PRIVATE))
    add(MessageHandler(PRIVATE & filters.COMMAND, misc.unknown_command))
    # Each feature's buttons, by the prefix its callbacks.py declares (one handler each).
    for buttons, on_tap in BUTTON_HANDLERS:
        add(CallbackQueryHandler(on_tap, pattern=buttons.pattern))
    add(
        MessageHandler(
            PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT, checkin.edited_answer
        )
    )
    add(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT, checkin.text_answer))
    add(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT, misc.not_text))
    application.add_error_handler(misc.on_error)
    return application


def runtime_of(application: SherpaApp) -> Runtime:
    """The runtime built with the application (the worker, the chart pool, the locks)."""
    return application.bot_data.runtime


async def _post_init(application: SherpaApp) -> None:
    """Replay the inbox, set the command menus, start the schedule reader and the worker."""
    services = application.bot_data.services
    await start_ops(application, services)  # first: /healthz answers while the rest starts
    await _presence(application).start()  # first: everything held across instances is its
    await _inbox(application).start(application)  # the updater starts after this
    if filled := await accounts.backfill_schedules(application.bot_data.part(Accounts)):
        log.info("scheduled the weekly messages of %s existing users", filled)
    await _set_command_menus(application, services)
    await start_webapp(application, services)  # only with WEBAPP_URL
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        _schedule_job,
        interval=services.settings.schedule_interval,
        first=0,
        name="dispatch-due",
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )
    await runtime_of(application).worker.start()
    application.job_queue.run_daily(
        _retention_job,
        time=dtime(3, 30, tzinfo=UTC),  # a quiet hour in Europe
        name="retention",
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )


async def _post_stop(application: SherpaApp) -> None:
    """Let the outbox worker finish what is in flight while the bot can still send."""
    await runtime_of(application).worker.stop()
    await stop_webapp(application)  # before the storage closes
    await stop_ops(application)
    await _inbox(application).stop()  # what is left goes to another instance at once
    await _presence(application).stop()  # and so does every turn and lease it held


async def _post_shutdown(application: SherpaApp) -> None:
    """Let a chart being drawn finish (the storage closes after this, where it was opened)."""
    runtime = runtime_of(application)
    await runtime.worker.stop()  # already stopped, unless the start failed after post_init
    await stop_webapp(application)
    await stop_ops(application)
    await _inbox(application).stop()
    await _presence(application).stop()
    runtime.close()


def _presence(application: SherpaApp) -> Presence:
    return application.bot_data.presence


def _inbox(application: SherpaApp) -> DurableUpdateQueue:
    queue = application.update_queue
    assert isinstance(queue, DurableUpdateQueue)
    return queue


async def _schedule_job(context: SherpaContext) -> None:
    """Move what fell due into the outbox and wake the worker (the database is the schedule)."""
    if await reader.enqueue_due(context.services):
        context.runtime.worker.wake()


async def _skip_if_handled(update: Update, context: SherpaContext) -> None:
    """Stop a redelivered update before any handler sees it."""
    if _inbox(context.application).known_unhandled(update.update_id):
        return  # stored just now, or found waiting in the sender's turn: no look needed
    if await context.services.storage.updates.seen(update.update_id):
        raise ApplicationHandlerStop


async def _refuse_unoffered_buttons(update: Update, context: SherpaContext) -> None:
    """Stop a callback whose data is not a button of the message it came from."""
    query = update.callback_query
    assert query is not None
    message = query.message
    markup = getattr(message, "reply_markup", None)  # None too for an inaccessible message
    offered = markup is not None and any(
        button.callback_data == query.data for row in markup.inline_keyboard for button in row
    )
    if offered:
        return
    user = await context.services.storage.users.get(query.from_user.id)
    lang = user.language if user else context.services.settings.default_language
    await acknowledge(query, context.services.texts.text(lang, "errors.expired"))
    raise ApplicationHandlerStop


async def _retention_job(context: SherpaContext) -> None:
    """Erase what users chose not to keep any longer."""
    await purge_expired(context.services)


async def purge_expired(services: Services) -> int:
    """Delete check-ins past each user's retention; returns how many went."""
    removed = await services.storage.retention.purge(services.clock.now().date())
    await services.storage.updates.forget_old(services.clock.now())
    if removed:
        log.info("retention removed %s check-ins", removed)
    return removed


async def _set_command_menus(application: SherpaApp, services: Services) -> None:
    """One command menu per language; a failure here must not stop the bot."""
    for lang in (None, *LANGUAGES):
        shown = lang or services.settings.default_language
        commands = [
            BotCommand(
                MENU_NAMES.get((c, shown), c),
                services.texts.text(shown, MENU_TEXTS.get(c, f"commands.{c}")),
            )
            for c in COMMANDS
        ]
        try:
            await application.bot.set_my_commands(commands, language_code=lang)
        except TelegramError as error:
            log.warning("could not set the command menu (%s): %s", lang or "default", error.message)
