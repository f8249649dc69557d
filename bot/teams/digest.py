"""The weekly team digest: settle the week that ended, tell every member and the group.

Read by the schedule reader from each team's stored `next_digest_at`. Each (team, week,
chat) is claimed before sending, so nobody gets the same week's digest twice.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.accounts import is_paused
from bot.schedule import is_stale, local_date
from bot.services import Services
from bot.teams import service, text
from bot.teams.progress import WEEK, next_digest, week_of
from bot.teams.streak import StreakWeek
from storage import Team, TeamWeek

log = logging.getLogger(__name__)

BATCH_SIZE = 100
# A digest still makes sense a few days late (after downtime); later ones are skipped,
# but their weeks are settled all the same so the streak stays right.
DIGEST_GRACE = timedelta(days=3)
Sent = Literal["sent", "skipped", "retry"]


async def dispatch_due(services: Services, bot: Bot) -> int:
    """Send every team digest that is due; returns how many messages went out."""
    now, sent = services.clock.now(), 0
    while True:
        teams = await services.storage.teams.due_digests(now, BATCH_SIZE)
        done = 0
        for team in teams:
            count, finished = await _team_digest(services, bot, team, now)
            sent += count
            done += finished
        # A batch with failures in it waits for the next tick instead of spinning.
        if len(teams) < BATCH_SIZE or done < len(teams):
            return sent


async def _team_digest(services: Services, bot: Bot, team: Team, now: datetime) -> tuple[int, bool]:
    """Settle and send one team's digest; (messages sent, whether the team is done)."""
    tz, due = ZoneInfo(team.timezone), team.next_digest_at
    assert due is not None
    week = week_of(due, tz) - WEEK
    results: list[Sent] = []
    if week >= week_of(team.created_at, tz):
        weeks, streak = await service.settle(services, team, week)
        index = next((i for i, w in enumerate(weeks) if w.week_start == week), None)
        if index is not None and not is_stale(due, now, DIGEST_GRACE):
            results = await _send_all(services, bot, team, weeks[index], streak.weeks[index])
    finished = "retry" not in results
    if finished:
        await services.storage.teams.update(team.id, next_digest_at=next_digest(now, tz))
    return results.count("sent"), finished


async def _send_all(
    services: Services, bot: Bot, team: Team, week: TeamWeek, result: StreakWeek
) -> list[Sent]:
    """The digest to every member who is not paused, then to the linked group."""
    results = []
    for member in await services.storage.teams.members(team.id):
        user = await services.storage.users.get(member.user_id)
        if user is None:
            continue
        today = local_date(services.clock.now(), ZoneInfo(user.timezone))
        if is_paused(user, today):
            continue  # no messages while paused; the week counted them as excused
        message = text.digest(services.texts, user.language, team, week, result)
        results.append(await _send(services, bot, team, week.week_start, user.chat_id, message))
    if team.group_chat_id is not None:
        message = text.digest(services.texts, team.language, team, week, result)
        outcome = await _send(services, bot, team, week.week_start, team.group_chat_id, message)
        results.append(outcome)
    return results


async def _send(
    services: Services, bot: Bot, team: Team, week: date, chat_id: int, message: str
) -> Sent:
    weeks, now = services.storage.team_weeks, services.clock.now()
    if not await weeks.claim_digest(team.id, week, chat_id, now):
        return "skipped"
    try:
        await bot.send_message(chat_id, message, parse_mode=ParseMode.HTML)
    except Forbidden:
        log.warning("team %s digest not delivered to chat %s: blocked or removed", team.id, chat_id)
        if chat_id == team.group_chat_id:  # the bot left the group: stop posting there
            await services.storage.teams.update(team.id, group_chat_id=None)
        return "skipped"
    except TelegramError as error:
        log.warning("team %s digest for chat %s will retry: %s", team.id, chat_id, error.message)
        await weeks.release_digest(team.id, week, chat_id)
        return "retry"
    await weeks.confirm_digest(team.id, week, chat_id, services.clock.now())
    return "sent"
