-- The open-tasks projection (issue 5): what each case asks of which institution type now, kept
-- in the append transaction so that an inbox reads its tasks instead of deriving the protocol
-- state of every case. Like the cases table it is derived from the events and rebuilt at will:
-- a case whose head is missing, or names another version or another set of protocol files
-- (the fingerprint), is derived again when the server starts.
CREATE TABLE case_task_heads (
    case_id      uuid PRIMARY KEY,
    case_version bigint NOT NULL,
    fingerprint  text NOT NULL,
    -- The parties that decide who may see the case (access::CasePolicy), so that an inbox
    -- decides it for every task without reading the case documents.
    origin_country        text NOT NULL,
    destination_country   text NOT NULL,
    opened_by_institution text NOT NULL
);

CREATE TABLE open_tasks (
    case_id          uuid NOT NULL,
    position         integer NOT NULL,
    step             text NOT NULL,
    kind             text NOT NULL,
    side             text NOT NULL,
    country          text NOT NULL,
    institution_type text NOT NULL,
    institution_name text NOT NULL,
    supervisor_type  text NOT NULL,
    due              date,
    PRIMARY KEY (case_id, position)
);

CREATE INDEX open_tasks_by_institution ON open_tasks (institution_type, country, due);
-- The deadline checks ask only for the cases with a task past its due date.
CREATE INDEX open_tasks_by_due ON open_tasks (due, case_id);
