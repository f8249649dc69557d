"""Care at the right moment: a warm close after a low score, and the support ladder."""
