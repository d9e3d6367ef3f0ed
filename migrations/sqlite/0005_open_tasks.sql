-- The open-tasks projection (issue 5): what each case asks of which institution type now, kept
-- in the append transaction so that an inbox reads its tasks instead of deriving the protocol
-- state of every case. Like the cases table it is derived from the events and rebuilt at will:
-- a case whose head is missing, or names another version or another set of protocol files
-- (the fingerprint), is derived again when the server starts.
CREATE TABLE case_task_heads (
    case_id      TEXT PRIMARY KEY,
    case_version INTEGER NOT NULL,
    fingerprint  TEXT NOT NULL,
    -- The parties that decide who may see the case (access::CasePolicy), so that an inbox
    -- decides it for every task without reading the case documents.
    origin_country        TEXT NOT NULL,
    destination_country   TEXT NOT NULL,
    opened_by_institution TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE open_tasks (
    case_id          TEXT NOT NULL,
    position         INTEGER NOT NULL,
    step             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    side             TEXT NOT NULL,
    country          TEXT NOT NULL,
    institution_type TEXT NOT NULL,
    institution_name TEXT NOT NULL,
    supervisor_type  TEXT NOT NULL,
    due              TEXT,
    PRIMARY KEY (case_id, position)
) WITHOUT ROWID;

CREATE INDEX open_tasks_by_institution ON open_tasks (institution_type, country, due);
-- The deadline checks ask only for the cases with a task past its due date.
CREATE INDEX open_tasks_by_due ON open_tasks (due, case_id);
