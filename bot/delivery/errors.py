"""What a deliverer may raise to tell the outbox worker how an item ends (features import these)."""


class Skip(Exception):
    """Nothing to send after all (paused, already there, no longer needed); not an error."""


class ChatGone(Exception):
    """Telegram says the chat is gone: blocked, deactivated, or not found."""
