-- Nothing changes in PostgreSQL: it keeps finding a case's audit entries by the index
-- audit_log_by_case. The SQLite migration of this number drops that index for one of each
-- case's hours in a file of its own, because there every entry in the index wrote a page of
-- its own to the WAL; PostgreSQL's WAL records the index entry (and a page's whole image only at its first
-- change after a checkpoint). The times of the chain never go
-- backwards from this version on, in both backends (store/audit_time_order.h). The numbers
-- stay in step so that both backends name the same schema version.
COMMENT ON INDEX audit_log_by_case IS 'The audit entries of one case (audit_entries).';
