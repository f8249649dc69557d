-- When the support ladder was last offered inside a check-in, one row per user: the ladder
-- comes after a low stretch, at most once every few days. Erased with the user.
CREATE TABLE care_offers (
    user_id    BIGINT  PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    offered_on TEXT    NOT NULL
);
