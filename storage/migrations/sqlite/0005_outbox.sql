-- The outbox: every scheduled message is written here first, then delivered by a worker.
-- (kind, chat, period) is the idempotency key: one check-in per local day, one verrekijker
-- per week, whatever restarts or overlapping ticks happen.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users (user_id) ON DELETE CASCADE,  -- NULL: a group
    chat_id     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,            -- checkin, nudge, verrekijker, team_digest
    period      TEXT    NOT NULL,            -- the local date or week it belongs to
    ref         INTEGER,                     -- e.g. the team of a team digest
    state       TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,                        -- never message text: an error class and code
    ambiguous   INTEGER NOT NULL DEFAULT 0,  -- a send timed out: it may have arrived
    due_at      TEXT    NOT NULL,            -- when it fell due (UTC), for the late rule
    not_before  TEXT    NOT NULL,            -- earliest next attempt (back-off, retry_after)
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    sent_at     TEXT,
    UNIQUE (kind, chat_id, period)
);
CREATE INDEX outbox_ready ON outbox (not_before) WHERE state = 'pending';
CREATE INDEX outbox_state ON outbox (state);

-- Telegram said the chat is gone (blocked, deactivated, not found): send nothing more.
-- Data is kept; a new /start makes the user active again.
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- Updates already handled, so a redelivered update (same update_id) changes nothing twice.
CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at TEXT NOT NULL
);

-- The outbox's key now guarantees one verrekijker, one nudge and one team digest per week.
DROP TABLE weekly_deliveries;
DROP TABLE team_digests;
