-- The message that set a scale by typing a digit ("3"), so a replay of that message after a
-- crash is recognised as done and never scores the next scale as well.
ALTER TABLE checkin_steps ADD COLUMN scored_by_message BIGINT;
CREATE INDEX checkin_steps_scored_by_message ON checkin_steps (scored_by_message)
    WHERE scored_by_message IS NOT NULL;
