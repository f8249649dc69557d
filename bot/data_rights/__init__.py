"""The practitioner's data rights: export everything, erase everything, undo the last answer."""
