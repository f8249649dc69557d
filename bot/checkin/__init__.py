"""The daily check-in: a signpost, one to three questions and the two scales, one step at a time."""
