-- sherpa: rebuilds a table
-- The reflective cycle (issue 19). A check-in is a day's ('daily') or the weekly talk after the
-- verrekijker ('weekly': what strikes her, and her intention for the week after); a day can
-- hold one of each. SQLite cannot change a table's UNIQUE constraint, so checkins is rebuilt
-- the documented way (foreign keys off around this migration, checked before it commits).
-- Look-backs and the intention's return are questions of a daily check-in, known by their
-- question_id (cycle.look_back:<answer id>, cycle.review:<answer id>): no table of their own.
CREATE TABLE checkins_new (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    local_date   TEXT    NOT NULL,
    signpost     INTEGER NOT NULL CHECK (signpost BETWEEN 1 AND 10),
    trigger      TEXT    NOT NULL CHECK (trigger IN ('scheduled', 'on_demand')),
    created_at   TEXT    NOT NULL,
    delivered_at TEXT,
    completed_at TEXT,
    prompt_id    TEXT,
    prompt_text  TEXT,
    care_mark    TEXT CHECK (care_mark IN ('client', 'self', 'paused')),
    kind         TEXT    NOT NULL DEFAULT 'daily' CHECK (kind IN ('daily', 'weekly')),
    UNIQUE (user_id, local_date, kind)
);
INSERT INTO checkins_new (id, user_id, local_date, signpost, trigger, created_at, delivered_at,
    completed_at, prompt_id, prompt_text, care_mark)
    SELECT id, user_id, local_date, signpost, trigger, created_at, delivered_at, completed_at,
        prompt_id, prompt_text, care_mark FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;
-- A look-back now and then (about every two weeks), on by default; one tap turns it off.
ALTER TABLE users ADD COLUMN look_backs INTEGER NOT NULL DEFAULT 1;
