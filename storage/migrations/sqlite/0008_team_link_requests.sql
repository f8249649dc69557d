-- A group link waiting for the admin's tap, one per group and admin: two groups asking at
-- once can no longer swap (the old team_pending kept one per user: the last group won).
-- The tap names the request by id and is checked against the user who asked.
CREATE TABLE team_link_requests (
    id            INTEGER PRIMARY KEY,
    group_chat_id INTEGER NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    created_at    TEXT    NOT NULL,
    UNIQUE (group_chat_id, user_id)
);
DELETE FROM team_pending WHERE action = 'link';
