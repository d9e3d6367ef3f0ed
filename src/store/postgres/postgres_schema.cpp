#include "store/postgres/postgres_schema.h"

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "store/migration.h"
#include "store/postgres/connection_pool.h"
#include "store/postgres/postgres_statements.h"

namespace retorno::postgres {

namespace {

// An arbitrary constant that names "retorno is migrating" among the server's advisory locks.
constexpr std::int64_t kMigrationLock = 7'270'011'001;

}  // namespace

Result<int> require_current_schema(pqxx::connection& connection) {
    auto migrations = TRY(migrations_from(postgres_migrations()));
    const int newest = static_cast<int>(migrations.size());
    int current = 0;
    try {
        pqxx::read_transaction tx(connection);
        if (!tx.exec1("SELECT to_regclass('schema_migrations')")[0].is_null()) {
            current =
                tx.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
        }
    } catch (const std::exception& e) {
        return fail(database_error(e));
    }
    if (current != newest) {
        return fail(Error::make(
            ErrorCode::Unavailable,
            fmt::format("The read replica's schema is version {}, this program's is version {}. "
                        "Start retorno on the primary first (it migrates), then let the replica "
                        "catch up.",
                        current, newest)));
    }
    return current;
}

Result<int> apply_migrations(pqxx::connection& connection) {
    auto migrations = TRY(migrations_from(postgres_migrations()));
    int newest = static_cast<int>(migrations.size());
    const Migration* failed = nullptr;
    try {
        pqxx::work tx(connection);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
        // Checked before creating, because CREATE ... IF NOT EXISTS needs the CREATE privilege
        // even when the table exists, and the application's role has no such privilege.
        bool exists = !tx.exec1("SELECT to_regclass('schema_migrations')")[0].is_null();
        if (!exists) {
            tx.exec(
                "CREATE TABLE schema_migrations (version integer PRIMARY KEY, "
                "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        int current =
            tx.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
        if (current > newest) {
            return fail(Error::make(
                ErrorCode::Unavailable,
                fmt::format("The database schema (version {}) is newer than this program knows "
                            "(version {}). Upgrade retorno before opening this database.",
                            current, newest)));
        }
        if (current == newest)
            return newest;
        for (const auto& migration : migrations) {
            if (migration.number <= current)
                continue;
            failed = &migration;
            tx.exec(std::string(migration.sql));
            tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                           migration.number, std::string(migration.name));
        }
        tx.commit();
        return newest;
    } catch (const std::exception& e) {
        Error error = database_error(e);
        if (failed != nullptr) {
            error.detail = fmt::format("migration {}: {}", failed->name, error.detail);
        }
        if (dynamic_cast<const pqxx::insufficient_privilege*>(&e) != nullptr) {
            error.message =
                "The database schema needs creating or upgrading, which this role has no "
                "privilege to do. Run retorno once with the schema owner's connection (see "
                "docs/operations.md).";
        }
        return fail(std::move(error));
    }
}

void prepare_statements(pqxx::connection& connection) {
    for (const auto& statement : all_statements()) {
        connection.prepare(std::string(statement.name), std::string(statement.sql));
    }
}

}  // namespace retorno::postgres
