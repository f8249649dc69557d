"""The distress reader: finds, in what a practitioner writes, that they do not want to live,
hurt themselves or have a plan, or that they write about a client's crisis.

Plain Python on the machine: no network, no downloaded model, no stored word of what it read.
It is not a diagnosis and alerts nobody; it lets the bot answer at once with the right lines.
Rules in rules.py, whose-words-these-are in reader.py, the text's folding and typo mending in
words.py, and a second opinion on sentences no rule matches in model.py (a small linear model
trained on our own labelled sets by benchmarks/distress_train.py).
"""

from bot.care.distress.reader import Concern, Reading, prepare, read_distress

__all__ = ["Concern", "Reading", "prepare", "read_distress"]
