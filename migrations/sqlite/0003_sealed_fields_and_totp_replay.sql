-- Encryption at rest (issue 4): `retorno keys rotate` re-encrypts the sensitive fields of the
-- event log in place. An UPDATE of an event may change its `data` column and nothing else; the
-- event hash covers the plaintext, so a changed plaintext still breaks the chain. Deleting
-- stays refused.
DROP TRIGGER events_are_append_only_update;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
WHEN NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id
    OR NEW.version IS NOT OLD.version OR NEW.kind IS NOT OLD.kind OR NEW.step IS NOT OLD.step
    OR NEW.actor_user IS NOT OLD.actor_user
    OR NEW.actor_institution IS NOT OLD.actor_institution
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.previous_hash IS NOT OLD.previous_hash
    OR NEW.hash IS NOT OLD.hash
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- TOTP replay: the last time step whose code signed a user in; a code of that step or an
-- earlier one is refused.
ALTER TABLE user_totp ADD COLUMN last_used_step INTEGER NOT NULL DEFAULT 0;
