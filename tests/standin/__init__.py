"""The Bot API stand-in itself: spec checks, faults, rate limits."""
