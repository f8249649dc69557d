-- Retries never change what was asked.

-- A step opened but not (known to be) sent yet: a retry or /today sends this step again
-- instead of opening the next one. Older rows were all sent.
ALTER TABLE checkin_steps ADD COLUMN unsent INTEGER NOT NULL DEFAULT 0;

-- How many parts of a multi-part delivery (the verrekijker's picture, then its texts) went
-- out: a retry resumes after them.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
