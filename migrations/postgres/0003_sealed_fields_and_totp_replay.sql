-- Encryption at rest (issue 4): `retorno keys rotate` re-encrypts the sensitive fields of the
-- event log in place. An UPDATE of an event may change its `data` column and nothing else; the
-- event hash covers the plaintext, so a changed plaintext still breaks the chain. DELETE and
-- TRUNCATE stay refused. The application role gets UPDATE on that one column
-- (docs/postgres-grants.sql).
CREATE FUNCTION events_only_data_is_resealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS DISTINCT FROM OLD.seq OR NEW.id IS DISTINCT FROM OLD.id
       OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.version IS DISTINCT FROM OLD.version
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.step IS DISTINCT FROM OLD.step
       OR NEW.actor_user IS DISTINCT FROM OLD.actor_user
       OR NEW.actor_institution IS DISTINCT FROM OLD.actor_institution
       OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at
       OR NEW.previous_hash IS DISTINCT FROM OLD.previous_hash
       OR NEW.hash IS DISTINCT FROM OLD.hash THEN
        RAISE EXCEPTION 'events are append-only';
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER events_are_append_only_row ON events;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
CREATE TRIGGER events_only_data_is_resealed BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_only_data_is_resealed();

-- TOTP replay: the last time step whose code signed a user in; a code of that step or an
-- earlier one is refused.
ALTER TABLE user_totp ADD COLUMN last_used_step bigint NOT NULL DEFAULT 0;
