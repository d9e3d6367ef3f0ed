-- Sign-in sessions. Only a hash of the bearer token is stored, so that a copy of the database
-- cannot be used to act as anyone. Every server process reads the same rows, so a revocation
-- made by one process is seen by all at the next request.
CREATE TABLE sessions (
    id           uuid PRIMARY KEY,
    token_hash   text NOT NULL,
    user_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    address      text NOT NULL DEFAULT '',
    CONSTRAINT sessions_token_hash_unique UNIQUE (token_hash)
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins per account ("user:NAME") and per address ("address:IP"), for slowing down
-- and then locking guessing. A success clears the account's counter.
CREATE TABLE sign_in_failures (
    key             text PRIMARY KEY,
    failures        integer NOT NULL,
    first_failed_at timestamptz NOT NULL,
    last_failed_at  timestamptz NOT NULL
);

-- Institutions that require a second factor, and users' TOTP secrets.
CREATE TABLE institution_settings (
    institution_id uuid PRIMARY KEY,
    totp_required  boolean NOT NULL DEFAULT false
);

CREATE TABLE user_totp (
    user_id uuid PRIMARY KEY,
    secret  text NOT NULL
);

-- A case shared with an institution that is not otherwise a party to it.
CREATE TABLE case_shares (
    id                    uuid PRIMARY KEY,
    case_id               uuid NOT NULL,
    institution_id        uuid NOT NULL,
    purpose               text NOT NULL,
    legal_basis           text NOT NULL,
    categories            text NOT NULL,
    shared_by_user        text NOT NULL,
    shared_by_institution text NOT NULL,
    shared_at             timestamptz NOT NULL
);

CREATE INDEX case_shares_by_case ON case_shares (case_id, institution_id);

-- The audit trail: who read or wrote which personal data, chained by hash. Append-only.
-- recorded_at is text: the hash was computed over exactly this text.
CREATE TABLE audit_log (
    seq               bigint PRIMARY KEY,
    recorded_at       text NOT NULL,
    actor_user        text NOT NULL,
    actor_institution text NOT NULL,
    address           text NOT NULL,
    action            text NOT NULL,
    case_id           text NOT NULL,
    categories        text NOT NULL,
    reason            text NOT NULL,
    previous_hash     text NOT NULL,
    hash              text NOT NULL
);

CREATE INDEX audit_log_by_case ON audit_log (case_id, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_is_append_only_row BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_is_append_only_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The signed head of each day's audit log (Ed25519 over "DAY HASH").
CREATE TABLE audit_day_heads (
    day       text PRIMARY KEY,
    seq       bigint NOT NULL,
    hash      text NOT NULL,
    signature text NOT NULL
);
