"""Delivering scheduled messages: the outbox worker and the rate limiter in front of Telegram."""
