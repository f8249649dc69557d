"""Teams: an opt-in shared weekly goal and its streak, built only from participation counts.

Pure logic lives in `progress` (a week's outcome), `streak` (the streak and its freeze),
`codes` (invite codes) and `text` (what people read); `service` and `digest` use storage.
"""
