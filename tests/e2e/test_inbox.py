"""The inbox through the real Application: replay after a stop, once only, and erased by /delete."""

from __future__ import annotations

import json
from pathlib import Path

from storage import Storage
from tests.helpers import World, onboard, write
from tests.helpers import rows as _rows


async def _leave_in_inbox(world: World, update: dict, user_id: int) -> None:
    """What a crash leaves: the update stored, the bot gone before it was handled."""
    storage = await Storage.open(world.database)
    await storage.inbox.store(update["update_id"], user_id, json.dumps(update), world.clock.now())
    await storage.close()


async def test_an_update_left_in_the_inbox_is_handled_at_the_next_start(world: World):
    bob = world.api.user(1002, "Bob")
    await world.bot.stop()
    update = world.api.send_command(bob, "/start")
    world.api.drop_pending_updates()  # Telegram had it confirmed: only the inbox has it
    await _leave_in_inbox(world, update, bob.id)
    await world.start_again()
    await world.bot.settle()
    assert "Sherpa" in world.last_text(bob)
    assert await _rows(world.database, "SELECT * FROM inbox") == []


async def test_a_replayed_answer_is_stored_once_and_asks_nothing_twice(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    await world.say(ann, "wat ik vandaag leerde")
    # "3" is her answer to the last question; the energy scale (1-5) is on screen now.
    update = await world.say(ann, "3")
    checkins = world.bot.services.storage.checkins
    scale = await checkins.open_step(ann.id)
    assert scale is not None and scale.kind != "question"
    seen = len(world.api.messages(ann))
    await _crash_before_it_was_recorded_handled(world, update, ann.id)
    checkins = world.bot.services.storage.checkins
    assert await checkins.count_answers(ann.id) == 2
    assert await checkins.open_step(ann.id) == scale  # her "3" did not become a score
    assert len(world.api.messages(ann)) == seen  # the next step was asked already
    assert await _rows(world.database, "SELECT * FROM inbox") == []


async def test_a_replayed_typed_score_is_stored_once_and_scores_no_other_scale(world: World):
    ann = world.api.user(1001, "Ann")
    await onboard(world, ann)
    await world.say(ann, "/today")
    checkins = world.bot.services.storage.checkins
    while (step := await checkins.open_step(ann.id)) is not None and step.kind == "question":
        await world.say(ann, "een antwoord")
    assert step is not None and step.kind == "energy"
    update = await world.say(ann, "3")  # typed, not tapped: the energy scale takes it
    after = await checkins.open_step(ann.id)
    assert after is not None and after.kind == "boundaries"
    await _crash_before_it_was_recorded_handled(world, update, ann.id)
    checkins = world.bot.services.storage.checkins
    assert await checkins.open_step(ann.id) == after  # boundaries still waits for her
    scores = await _rows(
        world.database, "SELECT kind, score FROM checkin_steps WHERE score IS NOT NULL"
    )
    assert scores == [("energy", 3)]
    assert await _rows(world.database, "SELECT * FROM inbox") == []


async def _crash_before_it_was_recorded_handled(world: World, update: dict, user_id: int) -> None:
    """A crash after the update's effect was stored, before it was recorded as handled."""
    await world.bot.stop()
    await write(
        world.database, "DELETE FROM handled_updates WHERE update_id = ?", update["update_id"]
    )
    await _leave_in_inbox(world, update, user_id)  # a handled update is never stored again
    await world.start_again()
    await world.bot.settle()


async def test_delete_erases_what_waits_in_the_inbox(world: World):
    ann, bob = world.api.user(1001, "Ann"), world.api.user(1002, "Bob")
    for user in (ann, bob):
        await onboard(world, user)
    storage = world.bot.services.storage
    for update_id, user in ((900001, ann), (900002, bob)):
        words = {"message": {"text": f"geheime woorden van {user.first_name}"}}
        await storage.inbox.store(update_id, user.id, json.dumps(words), world.clock.now())
    await world.say(ann, "/delete")
    await world.tap(ann, "Ja, wis alles")
    assert "Alles is gewist" in world.last_text(ann)
    assert await _rows(world.database, "SELECT user_id FROM inbox") == [(bob.id,)]
    if world.database.engine == "sqlite":  # and not in the bytes of its files
        path = world.sqlite_path
        raw = path.read_bytes() + Path(f"{path}-wal").read_bytes()
        assert b"geheime woorden van Ann" not in raw


async def test_getupdates_goes_through_the_request_that_stores_a_batch_first(world: World):
    """The one getUpdates request is the inbox's, which waits until the batch before is stored
    (a second `get_updates_request` in the builder once replaced it: a SIGKILL then lost a
    whole batch in tests/process/test_inbox_crash.py, by timing only)."""
    from bot.incoming.inbox import _ConfirmAfterStoring

    get_updates_request = world.bot.application.bot._request[0]
    assert isinstance(get_updates_request, _ConfirmAfterStoring)
