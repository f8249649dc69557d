-- The weekly verrekijker and the midweek nudge: when, and what was delivered for which week.
ALTER TABLE users ADD COLUMN verrekijker_day INTEGER NOT NULL DEFAULT 4
    CHECK (verrekijker_day BETWEEN 0 AND 6);              -- 0 = Monday; default Friday
ALTER TABLE users ADD COLUMN verrekijker_time TEXT NOT NULL DEFAULT '17:00';
ALTER TABLE users ADD COLUMN nudges INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN next_verrekijker_at TEXT;    -- UTC; NULL = nothing scheduled
ALTER TABLE users ADD COLUMN next_nudge_at TEXT;          -- UTC; NULL = nothing scheduled
CREATE INDEX users_next_verrekijker ON users (next_verrekijker_at)
    WHERE next_verrekijker_at IS NOT NULL;
CREATE INDEX users_next_nudge ON users (next_nudge_at) WHERE next_nudge_at IS NOT NULL;

-- At most one of each weekly message per user and local week (Monday's date): the key is
-- the guarantee. A row is claimed before sending and removed again if the send fails.
CREATE TABLE weekly_deliveries (
    user_id      BIGINT  NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('verrekijker', 'nudge')),
    week_start   TEXT    NOT NULL,
    claimed_at   TEXT    NOT NULL,
    delivered_at TEXT,
    PRIMARY KEY (user_id, kind, week_start)
);
