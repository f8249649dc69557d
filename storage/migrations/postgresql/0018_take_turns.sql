-- Taking people's turns and looking for their earlier updates in one call (issue 20). The look
-- must read the inbox after the turn was taken: the last holder's finish (its updates handled
-- and out of the inbox, its turn let go) committed before the turn could be taken, and one
-- plain statement would read the inbox in its snapshot from before that. A PL/pgSQL function
-- is VOLATILE unless marked otherwise, and in READ COMMITTED each of its commands takes a fresh
-- snapshot (PostgreSQL's docs, "Function Volatility Categories"): its second command sees that
-- finish, as the second statement did before. Same take as TurnRepository.take_many: a turn
-- is taken when free, held by the same instance (a failed release) or by one not alive.
--
-- For each (name, holder, token, sender, through): a row per update of the sender's in the
-- inbox up to `through` when the turn was taken (item_id NULL when there is none or no sender
-- was given); nothing for a turn not taken.
CREATE FUNCTION sherpa_take_turns(
    names TEXT[], holders TEXT[], tokens TEXT[], senders BIGINT[], throughs BIGINT[]
) RETURNS TABLE (
    taken_name TEXT, taken_token TEXT, item_id BIGINT, item_user BIGINT, item_body TEXT,
    item_key TEXT
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    taken_names TEXT[];
    taken_tokens TEXT[];
BEGIN
    WITH taken AS (
        INSERT INTO turns (name, holder, token)
        SELECT * FROM unnest(names, holders, tokens)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token
        WHERE turns.holder = excluded.holder OR NOT EXISTS (
            SELECT 1 FROM instances live WHERE live.id = turns.holder
            AND live.alive_until > EXTRACT(EPOCH FROM clock_timestamp())::DOUBLE PRECISION
        )
        RETURNING turns.name, turns.token
    )
    SELECT array_agg(taken.name), array_agg(taken.token) INTO taken_names, taken_tokens
    FROM taken;
    RETURN QUERY
    SELECT w.name, w.token, i.update_id, i.user_id, i.body, i.key_id
    FROM unnest(names, tokens, senders, throughs) AS w (name, token, sender, through)
    JOIN unnest(taken_names, taken_tokens) AS k (name, token)
        ON k.name = w.name AND k.token = w.token
    LEFT JOIN inbox i ON i.user_id = w.sender AND i.update_id <= w.through
    ORDER BY w.name, i.update_id;
END
$$;
