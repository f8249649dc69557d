"""What every feature shares: the clock, schedule maths, callback data, texts and the services."""
