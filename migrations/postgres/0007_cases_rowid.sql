-- Nothing changes in PostgreSQL: its tables are heaps, and a case document lives in the heap or
-- its TOAST table, never in the primary key's index. The SQLite migration of this number turns
-- that backend's case projection into a rowid table; the numbers stay in step so that both
-- backends name the same schema version.
COMMENT ON TABLE cases IS 'The case projection: the current state of each case, rebuilt from events at will.';
