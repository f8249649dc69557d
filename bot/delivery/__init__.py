"""Everything scheduled: the schedule reader, the outbox worker, the rate limiter, each kind."""
