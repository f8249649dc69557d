-- Stars (issue 19): an answer the practitioner marked to bring to supervision (/ster, the
-- /supervisie PDF, the Mini App). Only the mark and when it was set: no text. Gone with the
-- answer (an /undo, an erase by retention) and with the user (/delete), by the cascades.
CREATE TABLE stars (
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    answer_id  INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, answer_id)
);
-- An answer's delete finds its star by this (the cascade).
CREATE INDEX stars_answer ON stars (answer_id);
