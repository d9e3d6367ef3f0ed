-- The privileges of retorno's application role on a PostgreSQL database (docs/operations.md).
-- Run it as the schema owner (retorno_owner) after the first start and after every upgrade;
-- running it again changes nothing. tests/store/postgres_roles_test.cpp runs this very file, so
-- a migration that needs a new grant fails the tests until the grant is added here.
--
-- The application reads everything it wrote, appends to the event log and keeps the
-- projections current. It can never change or remove an event (the triggers refuse it even to
-- the owner, and the role has no DELETE on the log and UPDATE only of its data column, for key
-- rotation), create or alter tables, or see other databases.
GRANT USAGE ON SCHEMA public TO retorno_app;
GRANT SELECT ON schema_migrations TO retorno_app;
GRANT SELECT, INSERT ON events TO retorno_app;
GRANT SELECT, INSERT, UPDATE ON cases, institutions, users TO retorno_app;
-- Migration 2: sessions and sign-in counters change as people sign in and out; shares and the
-- audit trail are only ever appended (the audit log's triggers refuse changes even to the owner).
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, sign_in_failures, institution_settings, user_totp TO retorno_app;
GRANT SELECT, INSERT ON case_shares, audit_log TO retorno_app;
GRANT SELECT, INSERT, UPDATE ON audit_day_heads TO retorno_app;
-- Migration 3: `retorno keys rotate` re-encrypts the sensitive fields of events in place; the
-- trigger events_only_data_is_resealed refuses a change to any other column.
GRANT UPDATE (data) ON events TO retorno_app;
-- Migration 5: the open-tasks projection is replaced case by case as events are appended.
GRANT SELECT, INSERT, UPDATE, DELETE ON case_task_heads, open_tasks TO retorno_app;
