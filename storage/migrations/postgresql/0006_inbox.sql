-- The inbox, the mirror of the outbox: every incoming update is stored here before Telegram
-- is told it arrived, handled from here, and removed once handled. A crash loses nothing.
CREATE TABLE inbox (
    update_id   BIGINT  PRIMARY KEY,
    user_id     BIGINT,                -- the sender (no foreign key: /start comes before the user)
    body        TEXT    NOT NULL,      -- the update as JSON: sealed when an answer key is set
    key_id      TEXT,                  -- the key that sealed body; NULL: plain JSON
    received_at TEXT    NOT NULL
);
CREATE INDEX inbox_user ON inbox (user_id);
