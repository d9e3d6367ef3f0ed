-- The overdue tasks that an institution type supervises in its country, for its inbox: a task
-- past its due date is escalated to the step's supervisor (a national committee, a foreign
-- ministry), which then has a task in the case until the step is done
-- (protocol::supervising_institutions). Only an index: no projection changes form, and no case
-- is derived again.
CREATE INDEX open_tasks_by_supervisor ON open_tasks (supervisor_type, country, due);
