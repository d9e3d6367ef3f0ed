-- The event log: the only source of truth. Rows are appended, never changed or removed.
CREATE TABLE events (
    seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                uuid NOT NULL,
    case_id           uuid NOT NULL,
    version           bigint NOT NULL CHECK (version >= 1),
    kind              text NOT NULL,
    step              text NOT NULL DEFAULT '',
    -- json, not jsonb: it keeps the exact text that the event hash was computed over.
    data              json NOT NULL,
    actor_user        text NOT NULL,
    actor_institution text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    previous_hash     text NOT NULL,
    hash              text NOT NULL,
    CONSTRAINT events_id_unique UNIQUE (id),
    -- Optimistic concurrency rests on this constraint: two writers can never both record
    -- version N of a case, whichever process they run in.
    CONSTRAINT events_case_version_unique UNIQUE (case_id, version)
);

CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only';
END;
$$;

CREATE TRIGGER events_are_append_only_row BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
CREATE TRIGGER events_are_append_only_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();

-- The case projection: the current state of each case, rebuilt from events at will.
CREATE TABLE cases (
    id                  uuid PRIMARY KEY,
    version             bigint NOT NULL CHECK (version >= 1),
    status              text NOT NULL,
    origin_country      text NOT NULL,
    destination_country text NOT NULL,
    opened_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    document            jsonb NOT NULL
);

CREATE INDEX cases_by_status ON cases (status, id);
CREATE INDEX cases_by_origin ON cases (origin_country, id);
CREATE INDEX cases_by_destination ON cases (destination_country, id);

CREATE TABLE institutions (
    id        uuid PRIMARY KEY,
    country   text NOT NULL,
    type      text NOT NULL,
    name      text NOT NULL,
    parent_id uuid REFERENCES institutions (id)
);

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    username       text NOT NULL,
    display_name   text NOT NULL,
    institution_id uuid NOT NULL REFERENCES institutions (id),
    roles          text[] NOT NULL,
    password_hash  text NOT NULL,
    disabled       boolean NOT NULL DEFAULT false,
    CONSTRAINT users_username_unique UNIQUE (username)
);
