-- The reflective cycle (issue 19). A check-in is a day's ('daily') or the weekly talk after the
-- verrekijker ('weekly': what strikes her, and her intention for the week after); a day can
-- hold one of each. Look-backs and the intention's return are questions of a daily check-in,
-- known by their question_id (cycle.look_back:<answer id>, cycle.review:<answer id>).
ALTER TABLE checkins ADD COLUMN kind TEXT NOT NULL DEFAULT 'daily'
    CHECK (kind IN ('daily', 'weekly'));
ALTER TABLE checkins DROP CONSTRAINT checkins_user_id_local_date_key;
ALTER TABLE checkins ADD CONSTRAINT checkins_user_id_local_date_kind_key
    UNIQUE (user_id, local_date, kind);
-- A look-back now and then (about every two weeks), on by default; one tap turns it off.
ALTER TABLE users ADD COLUMN look_backs INTEGER NOT NULL DEFAULT 1;
