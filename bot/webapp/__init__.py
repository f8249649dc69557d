"""The verrekijker as a Telegram Mini App: zoom in and out by touch over one's own history.

`init_data` checks Telegram's signed launch data (pure), `periods` builds a zoom level from
the reflection days (pure), `payload` turns it into the page's JSON with the catalogs' texts,
`server` serves the page and the data, `lifecycle` runs it with the bot and opens its doors.
"""
