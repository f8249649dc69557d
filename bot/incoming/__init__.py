"""Incoming updates: the durable inbox, the webhook server and per-user order of handling."""
