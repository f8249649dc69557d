"""The real Application over real HTTP against the stand-in, on a manual clock."""
