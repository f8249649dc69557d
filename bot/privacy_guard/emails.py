"""Finds e-mail addresses, including "[at]"/"(dot)" and spelled-out ones."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy_guard.finding import Finding

# --- e-mail -----------------------------------------------------------------------------------

# The look-behind pins the start to the first character of the local part, so a long run of
# word characters is tried once, not once per position.
_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[^\W_][\w\-]*(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?![\w\-])")


# Addresses typed to dodge harvesters: "jan[at]gmail.com", "jan (at) gmail (dot) com", and
# spelled out, but only when it ends in "dot" and a common top-level domain, since "at" alone is
# an everyday English word.
_DOT = r"(?:\.|[ ]?[\[(](?i:dot)[\])][ ]?)"
_EMAIL_BRACKETED = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]+[ ]?[\[(](?i:at)[\])][ ]?[^\W_][\w\-]*"
    rf"(?:{_DOT}[\w\-]+)*{_DOT}[^\W\d_]{{2,}}(?![\w\-])"
)
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.%+\-])(?<!dot )[\w.%+\-]+(?:[ ](?i:dot)[ ][\w%+\-]+)*[ ](?i:at)[ ][^\W_][\w\-]*"
    r"(?:[ ](?i:dot)[ ][\w\-]+)*[ ](?i:dot)[ ](?i:com|be|nl|org|net|eu|uk|fr|de|info|me)(?![\w\-])"
)


def _emails(text: str) -> Iterator[Finding]:
    """E-mail addresses, also "[at]"/"(dot)" and spelled-out ones; no trailing full stop."""
    folded = text.casefold()
    # The obfuscated forms are rare; skip their passes unless their marker is there at all.
    patterns = [_EMAIL]
    if "at]" in folded or "at)" in folded:
        patterns.append(_EMAIL_BRACKETED)
    if " dot " in folded:
        patterns.append(_EMAIL_SPELLED)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not m.group().startswith("."):
                yield Finding("email", m.start(), m.end())
