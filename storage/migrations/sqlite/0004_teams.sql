-- Teams: an opt-in shared weekly goal. Only participation counts ever leave a member's data.
CREATE TABLE teams (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    code_hash      TEXT    NOT NULL UNIQUE,       -- sha256 of the invite code; the code is not kept
    goal_days      INTEGER NOT NULL DEFAULT 3 CHECK (goal_days BETWEEN 1 AND 7),
    timezone       TEXT    NOT NULL,              -- IANA name; the team's weeks run Mon–Sun here
    language       TEXT    NOT NULL CHECK (language IN ('nl', 'en')),  -- of the group posts
    group_chat_id  INTEGER UNIQUE,                -- a linked Telegram group, if any
    created_at     TEXT    NOT NULL,
    next_digest_at TEXT                           -- UTC; the schedule reader sends it then
);
CREATE INDEX teams_next_digest ON teams (next_digest_at) WHERE next_digest_at IS NOT NULL;

-- Who is in which team. The id orders members by joining, for the admin hand-over.
CREATE TABLE team_members (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    display_name TEXT    NOT NULL,                -- first name, shown to the admin only
    role         TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at    TEXT    NOT NULL,
    UNIQUE (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);
CREATE UNIQUE INDEX team_members_one_admin ON team_members (team_id) WHERE role = 'admin';

-- The settled outcome of each team week (Monday's date in the team's timezone), as counts.
-- Settled once, right after the week: the unique key is the guarantee.
CREATE TABLE team_weeks (
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    week_start TEXT    NOT NULL,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('met', 'missed', 'quiet')),
    on_track   INTEGER NOT NULL,
    counted    INTEGER NOT NULL,
    excused    INTEGER NOT NULL,
    settled_at TEXT    NOT NULL,
    PRIMARY KEY (team_id, week_start)
);

-- One digest per team, week and chat (a member's or the linked group's): never twice.
CREATE TABLE team_digests (
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    week_start   TEXT    NOT NULL,
    chat_id      INTEGER NOT NULL,
    claimed_at   TEXT    NOT NULL,
    delivered_at TEXT,
    PRIMARY KEY (team_id, week_start, chat_id)
);

-- When a user was paused, as UTC moments, so "paused that week" stays a fact afterwards.
CREATE TABLE pause_periods (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    started_at TEXT    NOT NULL,
    ended_at   TEXT                               -- NULL = until /resume
);
CREATE INDEX pause_periods_user ON pause_periods (user_id, started_at);
-- Pauses that began before this migration: the end is approximate (UTC midnight).
INSERT INTO pause_periods (user_id, started_at, ended_at)
    SELECT user_id, updated_at,
           CASE WHEN paused_until IS NULL THEN NULL
                ELSE date(paused_until, '+1 day') || 'T00:00:00Z' END
    FROM users WHERE paused = 1;

-- A team action waiting for a tap that picks the team (a new name, a group to link).
CREATE TABLE team_pending (
    user_id    INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    action     TEXT    NOT NULL CHECK (action IN ('rename', 'link')),
    argument   TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- Recent events that are rate-limited: wrong invite codes per user, replies per group.
CREATE TABLE team_throttle (
    scope   TEXT    NOT NULL CHECK (scope IN ('code', 'group')),
    subject INTEGER NOT NULL,                     -- the user id or the group chat id
    happened_at TEXT NOT NULL
);
CREATE INDEX team_throttle_subject ON team_throttle (scope, subject, happened_at);
