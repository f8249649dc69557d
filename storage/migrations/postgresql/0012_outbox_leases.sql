-- Several instances share one outbox.
--
-- A claimed item carries a lease: which instance holds it and until when. The holder renews
-- it while the send runs; another instance takes the item back only once the lease expired
-- or its holder is gone, never while a live instance is still sending it.
ALTER TABLE outbox ADD COLUMN leased_by TEXT;      -- the instance sending it (state 'sending')
ALTER TABLE outbox ADD COLUMN leased_until TEXT;   -- UTC; renewed by a live holder

-- The key gains the ref (the team of a team digest): a member of two teams gets both teams'
-- digests of a week, which the old key (kind, chat, period) silently merged into one. Other
-- kinds have no ref (NULL, counted as 0), so their key is unchanged.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_chat_id_period_key;
CREATE UNIQUE INDEX outbox_key ON outbox (kind, chat_id, period, COALESCE(ref, 0));

-- The bot's bulk send schedule, shared by every instance: the next free slot, in seconds
-- since the epoch. An instance reserves a few slots at a time (bot/delivery/pacing.py).
CREATE TABLE send_schedule (
    name    TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL
);
INSERT INTO send_schedule (name, next_at) VALUES ('bulk', 0);
