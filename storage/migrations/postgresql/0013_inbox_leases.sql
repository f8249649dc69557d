-- Several instances share one inbox: each update has an owner, the instance that stored it
-- (or took it over), with a lease it renews while it lives. A live instance takes over the
-- items whose lease ran out (their instance died), so an update waits one lease, not until
-- its own instance comes back. Rows from before (both NULL) count as expired.
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;    -- the instance handling it
ALTER TABLE inbox ADD COLUMN leased_until TEXT;  -- UTC; after this, any instance may take it
CREATE INDEX inbox_lease ON inbox (leased_until);
