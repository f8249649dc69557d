-- Several instances share one outbox (on PostgreSQL; SQLite keeps one instance per file).
--
-- A claimed item carries a lease: which instance holds it and until when. The holder renews
-- it while the send runs; another instance takes the item back only once the lease expired
-- or its holder is gone, never while a live instance is still sending it.
--
-- The key gains the ref (the team of a team digest): a member of two teams gets both teams'
-- digests of a week, which the old key (kind, chat, period) silently merged into one. Other
-- kinds have no ref (NULL, counted as 0), so their key is unchanged. SQLite cannot drop a
-- table's UNIQUE constraint, so the table is rebuilt with the same rows and ids.
CREATE TABLE outbox_leased (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER REFERENCES users (user_id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    period       TEXT    NOT NULL,
    ref          INTEGER,
    state        TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    ambiguous    INTEGER NOT NULL DEFAULT 0,
    due_at       TEXT    NOT NULL,
    not_before   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    sent_at      TEXT,
    parts_sent   INTEGER NOT NULL DEFAULT 0,
    leased_by    TEXT,                       -- the instance sending it (state 'sending')
    leased_until TEXT                        -- UTC; renewed by a live holder
);
INSERT INTO outbox_leased (id, user_id, chat_id, kind, period, ref, state, attempts,
    last_error, ambiguous, due_at, not_before, created_at, updated_at, sent_at, parts_sent)
SELECT id, user_id, chat_id, kind, period, ref, state, attempts,
    last_error, ambiguous, due_at, not_before, created_at, updated_at, sent_at, parts_sent
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_leased RENAME TO outbox;
CREATE UNIQUE INDEX outbox_key ON outbox (kind, chat_id, period, COALESCE(ref, 0));
CREATE INDEX outbox_ready ON outbox (not_before) WHERE state = 'pending';
CREATE INDEX outbox_state ON outbox (state);

-- The bot's bulk send schedule, shared by every instance: the next free slot, in seconds
-- since the epoch. An instance reserves a few slots at a time (bot/delivery/pacing.py).
CREATE TABLE send_schedule (
    name    TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL
);
INSERT INTO send_schedule (name, next_at) VALUES ('bulk', 0);
