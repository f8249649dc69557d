"""Real processes: `python -m bot ...` started, killed and restarted."""
