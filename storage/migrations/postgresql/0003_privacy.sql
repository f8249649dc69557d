-- Privacy: answers sealed at rest, per-user retention, and answers held back by the guard.

-- The key that sealed an answer's text (NULL = plain text). Keys themselves never live here.
ALTER TABLE answers ADD COLUMN key_id TEXT;
CREATE INDEX answers_key ON answers (key_id) WHERE key_id IS NOT NULL;

-- Keep answers forever (NULL) or delete check-ins older than this many months.
ALTER TABLE users ADD COLUMN retention_months INTEGER CHECK (retention_months IN (3, 6, 12));
CREATE INDEX users_retention ON users (retention_months) WHERE retention_months IS NOT NULL;

-- An answer the privacy guard held back until the user chooses: masked, as written, or rewrite.
-- One per user; sealed like an answer. It never reaches the answers table unless chosen.
CREATE TABLE pending_answers (
    user_id     BIGINT  PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    step_id     BIGINT  NOT NULL REFERENCES checkin_steps (id) ON DELETE CASCADE,
    message_id  BIGINT  NOT NULL,                 -- the user's message
    is_edit     INTEGER NOT NULL DEFAULT 0,       -- an edit of a stored answer, not a new one
    text        TEXT    NOT NULL,
    masked      TEXT    NOT NULL,
    key_id      TEXT,
    created_at  TEXT    NOT NULL
);
