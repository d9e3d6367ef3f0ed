-- Whether the child's country of origin has been notified (the step consular_notification is
-- done): until then its institutions have no task in the case and may not see it, so that a
-- child who may need asylum is never shown to the consulate of the state she may flee
-- (access::CasePolicy). Every head written before this column existed names an older
-- fingerprint (protocol::ProtocolRegistry mixes in the projection's form), so each case's tasks
-- are derived again, with this column, when the server starts.
ALTER TABLE case_task_heads ADD COLUMN origin_notified INTEGER NOT NULL DEFAULT 0;
