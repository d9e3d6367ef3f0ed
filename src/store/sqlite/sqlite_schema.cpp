#include "store/sqlite/sqlite_schema.h"

#include <fmt/format.h>

#include "core/time.h"
#include "store/migration.h"

namespace retorno {

Result<int> apply_sqlite_migrations(sqlite::Connection& db) {
    auto migrations = TRY(migrations_from(sqlite_migrations()));
    TRY_STATUS(
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    int current = 0;
    {
        // Reset before the migrations run: SQLite refuses to drop a table while a statement of
        // the connection is still reading.
        auto current_query =
            TRY(db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        TRY(current_query.step());
        current = static_cast<int>(current_query.integer(0));
    }
    int newest = static_cast<int>(migrations.size());
    if (current > newest) {
        return fail(Error::make(
            ErrorCode::Unavailable,
            fmt::format("The database schema (version {}) is newer than this program knows "
                        "(version {}). Upgrade retorno before opening this database.",
                        current, newest)));
    }
    for (const auto& migration : migrations) {
        if (migration.number <= current)
            continue;
        TRY_STATUS(db.execute("BEGIN IMMEDIATE"));
        auto applied = db.execute(migration.sql);
        if (applied) {
            auto record = db.prepare(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
            if (!record) {
                applied = tl::unexpected(record.error());
            } else {
                record->bind(1, static_cast<std::int64_t>(migration.number))
                    .bind(2, migration.name)
                    .bind(3, format_timestamp(now_utc()));
                applied = record->run();
            }
        }
        if (!applied) {
            (void)db.execute("ROLLBACK");
            auto error = applied.error();
            error.detail = fmt::format("migration {}: {}", migration.name, error.detail);
            return fail(std::move(error));
        }
        TRY_STATUS(db.execute("COMMIT"));
    }
    return newest;
}

}  // namespace retorno
