-- One presence for every instance, shared by the inbox, the outbox and the per-person turns.
--
-- A running instance renews its row; a lease held by an instance (an inbox row's claimed_by,
-- an outbox item's leased_by, a turn's holder) is live exactly while its row's alive_until
-- lies ahead of the database's clock. An instance that stops renewing (killed, frozen,
-- cut off from the database) loses them all at once, within one lease. Times are seconds
-- since the epoch on the database's own clock, so the instances' clocks do not enter.
-- The older per-row lease times (inbox.leased_until, outbox.leased_until) are no longer read.
CREATE TABLE instances (
    id          TEXT PRIMARY KEY,
    alive_until DOUBLE PRECISION NOT NULL,
    started_at  DOUBLE PRECISION NOT NULL
);

-- Whose turn it is to act for one person (or on one update), across instances: held by a
-- task of a live instance, taken from a gone one. Rows live only while a turn is held.
CREATE TABLE turns (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,   -- the instance (its id in instances)
    token  TEXT NOT NULL    -- which of its tasks
);
