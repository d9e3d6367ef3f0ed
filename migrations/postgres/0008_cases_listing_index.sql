-- Nothing changes in PostgreSQL: its case list has one prepared statement per combination of
-- filters (store/postgres/postgres_statements.cpp), whose plans use the indexes by status,
-- origin and destination. The SQLite migration of this number gives that backend's single list
-- statement an index of its own; the numbers stay in step so that both backends name the same
-- schema version.
COMMENT ON INDEX cases_by_status IS 'The case list filtered by status (postgres_statements.cpp).';
