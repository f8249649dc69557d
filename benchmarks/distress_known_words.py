"""Write the distress reader's list of known words (bot/care/distress/known_words.txt).

    pip install wordfreq==3.1.1 && python benchmarks/distress_known_words.py

The reader mends one-letter typos towards the words its rules need ("zelfmord" -> "zelfmoord").
A real word one letter from such a word must never be mended: "opvangen" is no "ophangen",
"eerder" no "verder", "meisjes" no "mesjes". This list holds the common Dutch and English words
(wordfreq's Zipf frequency >= ZIPF, at least as long as the mender's shortest word), folded as
the reader folds them; the mender leaves every word on it alone. A tool, run by hand when the
threshold changes: the bot reads only the file, and needs no wordfreq.

wordfreq's data: Robyn Speer, https://github.com/rspeer/wordfreq, CC BY-SA 4.0.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import wordfreq  # a tool's dependency (pip install wordfreq), not the bot's

from bot.care.distress.words import MEND_MIN

ZIPF = 3.0  # about once per million words and more often
OUT = Path(__file__).parents[1] / "bot/care/distress/known_words.txt"
HEADER = f"""# Common Dutch and English words (Zipf >= {ZIPF}), folded: the distress reader never
# mends one of these into another word. Written by benchmarks/distress_known_words.py from
# wordfreq 3.1.1's data (Robyn Speer, https://github.com/rspeer/wordfreq, CC BY-SA 4.0).
"""


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def known_words() -> list[str]:
    words: set[str] = set()
    for lang in ("nl", "en"):
        for word in wordfreq.top_n_list(lang, 200_000):
            if wordfreq.zipf_frequency(word, lang) < ZIPF:
                break  # the list is in frequency order
            folded = fold(word)
            if len(folded) >= MEND_MIN and folded.isascii() and folded.isalpha():
                words.add(folded)
    return sorted(words)


if __name__ == "__main__":
    words = known_words()
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
