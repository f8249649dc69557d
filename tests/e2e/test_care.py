"""Care at the right moment, end to end: the close after a low score, the support ladder after
a low stretch (once, then a pause of a few days), and /steun with the lines of each country."""

from __future__ import annotations

import json
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from bot.care.rule import LADDER_PAUSE
from tests.helpers import DUE_MONDAY, World, onboard

LOCALES = Path(__file__).resolve().parents[2] / "bot" / "locales"
CARE = tomllib.loads((LOCALES / "care.nl.toml").read_text("utf-8"))
THANKS = tomllib.loads((LOCALES / "nl.toml").read_text("utf-8"))["checkin"]["thanks"]
LADDER = "Touwen en ladders"


async def checkin_with(world: World, user, energy: str, boundaries: str) -> str:
    """One check-in today with a short answer and these scale taps; the closing message."""
    await world.say(user, "/today")
    await world.say(user, "Vooral papierwerk vandaag.")
    await world.tap(user, energy)
    await world.tap(user, boundaries)
    return world.last_text(user)


async def on_day(world: World, user, day: int, energy: str, boundaries: str) -> str:
    """A check-in on the morning of Monday + `day`."""
    world.clock.set(DUE_MONDAY + timedelta(days=day, hours=-5))
    return await checkin_with(world, user, energy, boundaries)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("energy", "boundaries", "kind"),
    [("2", "4", "energy"), ("4", "1", "boundaries"), ("1", "2", "both")],
)
async def test_a_low_score_closes_warmly_never_with_a_celebration(
    world: World, energy: str, boundaries: str, kind: str
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 1")
    closing = await checkin_with(world, ann, energy, boundaries)
    line, _, ladder = closing.partition("\n\n")
    assert line in CARE["closing"][kind]
    assert closing not in THANKS and "Mooi" not in closing and "Dank je" not in closing
    # One low day is no low stretch, but a 1 always brings the ladder.
    assert (LADDER in ladder) is ("1" in (energy, boundaries))


async def test_good_scores_close_with_the_usual_thanks(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/questions 1")
    assert await checkin_with(world, ann, "3", "4") in THANKS


@pytest.mark.slow
async def test_the_ladder_comes_after_a_low_stretch_and_not_again_the_next_day(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)  # Europe/Brussels
    await world.say(ann, "/questions 1")
    assert LADDER not in await on_day(world, ann, 0, "2", "4")
    assert LADDER not in await on_day(world, ann, 1, "4", "4")
    assert LADDER not in await on_day(world, ann, 2, "3", "2")
    third_low = await on_day(world, ann, 3, "1", "3")
    assert LADDER in third_low
    assert "Tele-Onthaal" in third_low and "1813" in third_low and "112" in third_low
    assert "0800-0113" not in third_low and "geen therapie" in third_low
    storage = world.bot.services.storage
    assert await storage.care.last_offered(ann.id) == (DUE_MONDAY + timedelta(days=3)).date()

    # Still low the next days: a warm close, but the ladder waits.
    for day in range(4, 3 + LADDER_PAUSE.days):
        closing = await on_day(world, ann, day, "2", "2")
        assert LADDER not in closing and closing in CARE["closing"]["both"]
    # A few days later, still low: it comes once more.
    assert LADDER in await on_day(world, ann, 3 + LADDER_PAUSE.days, "2", "3")


@pytest.mark.parametrize(
    ("timezone", "shown", "hidden"),
    [
        ("Europe/Brussels", ["Tele-Onthaal", "106", "1813", "preventieadviseur"], ["0800-0113"]),
        (
            "Europe/Amsterdam",
            ["113 Zelfmoordpreventie", "0800-0113", "De Luisterlijn"],
            ["Tele-Onthaal", "1813", "preventieadviseur"],
        ),
        ("Europe/London", ["Samaritans", "116 123", "999"], ["Tele-Onthaal", "1813", "0800-0113"]),
        ("Asia/Tokyo", ["findahelpline.com", "112"], ["Tele-Onthaal", "0800-0113", "Samaritans"]),
    ],
)
async def test_steun_shows_the_ladder_with_the_lines_of_the_users_country(
    world: World, timezone: str, shown: list[str], hidden: list[str]
):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, f"/tz {timezone}")
    await world.say(ann, "/steun")
    ladder = world.last_text(ann)
    for line in ("collega", "leidinggevende", "intervisie", "vertrouwenspersoon", "huisarts"):
        assert line in ladder
    assert ("112" in ladder or "999" in ladder) and "geen therapie en geen supervisie" in ladder
    assert all(line in ladder for line in shown), ladder
    assert not any(line in ladder for line in hidden), ladder


async def test_support_in_english_and_in_both_command_menus(world: World):
    bob = world.api.user(1002, "Bob")
    await onboard(world, bob)
    await world.say(bob, "/lang en")
    await world.say(bob, "/support")
    ladder = world.last_text(bob)
    assert "Ropes and ladders" in ladder and "GP" in ladder and "not therapy" in ladder
    menus = {}
    for call in world.api.calls_to("setMyCommands"):
        commands = call.params["commands"]
        commands = json.loads(commands) if isinstance(commands, str) else commands
        menus[call.params.get("language_code")] = {c["command"] for c in commands}
    assert "steun" in menus["nl"] and "support" not in menus["nl"]
    assert "support" in menus["en"] and "steun" not in menus["en"]
