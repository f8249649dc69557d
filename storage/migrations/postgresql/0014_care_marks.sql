-- A mark on a check-in where the practitioner wrote heavy words (issue 17): 'client' (about a
-- client's crisis), 'self' (their own), 'paused' (their own, and the check-in waits on their
-- choice to stop or go on). Only the mark: what was read is never stored apart from the
-- answer itself. Erased with the check-in, exported with it.
ALTER TABLE checkins ADD COLUMN care_mark TEXT CHECK (care_mark IN ('client', 'self', 'paused'));
