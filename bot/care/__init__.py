"""Care at the right moment: a warm close after a low score, and the support ladder.

What other features may read of care's distress reader (bot/care/distress/) is re-exported
here: it is pure, so a pure module (the verrekijker's summary) can use it too.
"""

from bot.care.distress import Concern, Reading, read_distress

__all__ = ["Concern", "Reading", "read_distress"]
