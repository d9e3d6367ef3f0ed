#pragma once

// For the tests of SQLite migrations: a database made as an older retorno left it.

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

// The names of the indexes of `table`, in order, separated by commas.
inline std::string indexes_of(sqlite::Connection& db, const std::string& table) {
    return text_of(db, fmt::format("SELECT coalesce(group_concat(name, ','), '') FROM (SELECT "
                                   "name FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = '{}' ORDER BY name)",
                                   table));
}

}  // namespace retorno::testing
