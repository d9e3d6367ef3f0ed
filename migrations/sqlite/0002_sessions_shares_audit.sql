-- Sign-in sessions. Only a hash of the bearer token is stored, so that a copy of the database
-- cannot be used to act as anyone. Every server process reads the same rows, so a revocation
-- made by one process is seen by all at the next request.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT,
    address      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins per account ("user:NAME") and per address ("address:IP"), for slowing down
-- and then locking guessing. A success clears the account's counter.
CREATE TABLE sign_in_failures (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Institutions that require a second factor, and users' TOTP secrets. Kept apart from the
-- tables of migration 1 so that the existing columns stay as they are.
CREATE TABLE institution_settings (
    institution_id TEXT PRIMARY KEY,
    totp_required  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE user_totp (
    user_id TEXT PRIMARY KEY,
    secret  TEXT NOT NULL
) WITHOUT ROWID;

-- A case shared with an institution that is not otherwise a party to it.
CREATE TABLE case_shares (
    id                  TEXT PRIMARY KEY,
    case_id             TEXT NOT NULL,
    institution_id      TEXT NOT NULL,
    purpose             TEXT NOT NULL,
    legal_basis         TEXT NOT NULL,
    categories          TEXT NOT NULL,
    shared_by_user      TEXT NOT NULL,
    shared_by_institution TEXT NOT NULL,
    shared_at           TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX case_shares_by_case ON case_shares (case_id, institution_id);

-- The audit trail: who read or wrote which personal data, chained by hash. Append-only.
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    recorded_at    TEXT NOT NULL,
    actor_user     TEXT NOT NULL,
    actor_institution TEXT NOT NULL,
    address        TEXT NOT NULL,
    action         TEXT NOT NULL,
    case_id        TEXT NOT NULL,
    categories     TEXT NOT NULL,
    reason         TEXT NOT NULL,
    previous_hash  TEXT NOT NULL,
    hash           TEXT NOT NULL
);

CREATE INDEX audit_log_by_case ON audit_log (case_id, seq);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The signed head of each day's audit log (Ed25519 over "DAY HASH").
CREATE TABLE audit_day_heads (
    day       TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    signature TEXT NOT NULL
) WITHOUT ROWID;
