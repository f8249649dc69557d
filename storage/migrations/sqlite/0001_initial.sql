-- Users, their schedule and settings. One row per Telegram user.
CREATE TABLE users (
    user_id               INTEGER PRIMARY KEY,       -- Telegram user id
    chat_id               INTEGER NOT NULL,          -- private chat with the bot
    language              TEXT    NOT NULL CHECK (language IN ('nl', 'en')),
    timezone              TEXT    NOT NULL,          -- IANA name
    checkin_time          TEXT    NOT NULL,          -- local wall clock, HH:MM
    days                  INTEGER NOT NULL,          -- bit i set = weekday i (0 = Monday)
    questions_per_checkin INTEGER NOT NULL DEFAULT 2 CHECK (questions_per_checkin BETWEEN 1 AND 3),
    onboarding_step       TEXT,                      -- NULL once onboarding is finished
    paused                INTEGER NOT NULL DEFAULT 0,
    paused_until          TEXT,                      -- last paused local date; NULL = until /resume
    next_signpost         INTEGER NOT NULL DEFAULT 1 CHECK (next_signpost BETWEEN 1 AND 10),
    next_due_at           TEXT,                      -- UTC; NULL = nothing scheduled
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);
-- The schedule readers scan only users with something due.
CREATE INDEX users_next_due ON users (next_due_at) WHERE next_due_at IS NOT NULL;

-- One check-in per user per local day: the unique key is the guarantee.
CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    local_date   TEXT    NOT NULL,
    signpost     INTEGER NOT NULL CHECK (signpost BETWEEN 1 AND 10),
    prompt_index INTEGER NOT NULL,
    trigger      TEXT    NOT NULL CHECK (trigger IN ('scheduled', 'on_demand')),
    created_at   TEXT    NOT NULL,
    delivered_at TEXT,                               -- first message reached Telegram
    completed_at TEXT,
    UNIQUE (user_id, local_date)
);

-- The planned steps of a check-in, created with it; exactly one is open at a time.
CREATE TABLE checkin_steps (
    id             INTEGER PRIMARY KEY,
    checkin_id     INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('question', 'energy', 'boundaries')),
    question_index INTEGER,                          -- index into the signpost's questions
    question_text  TEXT,                             -- as asked, in the user's language
    state          TEXT    NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'open', 'answered', 'skipped')),
    message_id     INTEGER,                          -- the bot's message that asked it
    score          INTEGER CHECK (score BETWEEN 1 AND 5),
    asked_at       TEXT,
    closed_at      TEXT,
    UNIQUE (checkin_id, position)
);
CREATE INDEX checkin_steps_message ON checkin_steps (message_id) WHERE message_id IS NOT NULL;

-- Free-text answers. A question may get more than one (a later reply adds, never overwrites).
CREATE TABLE answers (
    id         INTEGER PRIMARY KEY,
    step_id    INTEGER NOT NULL REFERENCES checkin_steps (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,                     -- the user's message, for edits
    text       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    edited_at  TEXT,
    UNIQUE (user_id, message_id)                     -- a redelivered update stores nothing twice
);
CREATE INDEX answers_step ON answers (step_id);
