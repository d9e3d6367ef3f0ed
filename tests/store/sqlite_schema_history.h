#pragma once

// For the tests of SQLite migrations and of the audit index: a database made as an older
// retorno, or another process, left it.

#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "store/migration.h"
#include "store/sqlite/sqlite_connection.h"

namespace retorno::testing {

// Brings an empty database to the given schema version, as an older retorno left it.
inline void migrate_up_to(sqlite::Connection& db, int last) {
    auto migrations = migrations_from(sqlite_migrations()).value();
    ASSERT_TRUE(
        db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    for (const auto& migration : migrations) {
        if (migration.number > last)
            break;
        ASSERT_TRUE(db.execute(migration.sql)) << migration.name;
        ASSERT_TRUE(
            db.execute(fmt::format("INSERT INTO schema_migrations VALUES ({}, '{}', "
                                   "'2026-01-01T00:00:00.000Z')",
                                   migration.number, migration.name)));
    }
}

// The first column of the first row that `sql` answers.
inline std::string text_of(sqlite::Connection& db, const std::string& sql) {
    auto query = db.prepare(sql).value();
    EXPECT_TRUE(query.step().value()) << sql;
    return query.text(0);
}

// An audit entry written straight into the trail, as an older retorno or another process
// would, without this store knowing: a read of `case_id` (empty: of no case), chained by the
// hashes `TAG1`, `TAG2`, ...
inline void insert_audit_row(sqlite::Connection& db, std::int64_t seq,
                             const std::string& recorded_at, const std::string& case_id,
                             const std::string& tag) {
    auto insert = db.prepare(
                        "INSERT INTO audit_log (seq, recorded_at, actor_user, actor_institution, "
                        "address, action, case_id, categories, reason, previous_hash, hash) "
                        "VALUES (?1, ?2, 'u', 'i', '192.0.2.1', 'read', ?3, '', '', ?4, ?5)")
                      .value();
    insert.bind(1, seq)
        .bind(2, recorded_at)
        .bind(3, case_id)
        .bind(4, seq == 1 ? std::string() : fmt::format("{}{}", tag, seq - 1))
        .bind(5, fmt::format("{}{}", tag, seq));
    ASSERT_TRUE(insert.run());
}

// The names of the indexes of `table`, in order, separated by commas.
inline std::string indexes_of(sqlite::Connection& db, const std::string& table) {
    return text_of(db, fmt::format("SELECT coalesce(group_concat(name, ','), '') FROM (SELECT "
                                   "name FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = '{}' ORDER BY name)",
                                   table));
}

}  // namespace retorno::testing
