"""The operator's view: liveness, readiness and Prometheus metrics on OPS_PORT, and the same
figures for `python -m bot status --json`. Counts and durations only: never a user id, a
name, an answer, the token or Mini App initData."""
