-- The event log: the only source of truth. Rows are appended, never changed or removed.
CREATE TABLE events (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    case_id           TEXT NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    kind              TEXT NOT NULL,
    step              TEXT NOT NULL DEFAULT '',
    data              TEXT NOT NULL,
    actor_user        TEXT NOT NULL,
    actor_institution TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    previous_hash     TEXT NOT NULL,
    hash              TEXT NOT NULL,
    UNIQUE (case_id, version)
);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- The case projection: the current state of each case, rebuilt from events at will.
CREATE TABLE cases (
    id                  TEXT PRIMARY KEY,
    version             INTEGER NOT NULL,
    status              TEXT NOT NULL,
    origin_country      TEXT NOT NULL,
    destination_country TEXT NOT NULL,
    opened_at           TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    document            TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX cases_by_status ON cases (status, id);
CREATE INDEX cases_by_origin ON cases (origin_country, id);
CREATE INDEX cases_by_destination ON cases (destination_country, id);

CREATE TABLE institutions (
    id        TEXT PRIMARY KEY,
    country   TEXT NOT NULL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    parent_id TEXT REFERENCES institutions (id)
) WITHOUT ROWID;

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    roles          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
