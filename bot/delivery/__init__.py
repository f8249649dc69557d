"""Everything scheduled: the kinds registry, the schedule reader, the outbox worker, the limiter."""
