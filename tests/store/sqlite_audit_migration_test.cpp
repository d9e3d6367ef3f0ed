// Migration 9 on SQLite: the audit entries that a database at schema 8 holds are found by case
// through the index of each case's hours beside the store, also those whose time went
// backwards, and the index of every entry by case is gone from the store's file.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "store/sqlite_schema_history.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

struct OldEntry {
    const char* recorded_at;
    const char* case_id;
};

TEST(SqliteAuditMigration, FindsEveryEntryOfEachCaseByItsHours) {
    ThrowawayDir dir;
    const auto file = dir.path() / "retorno.db";
    // As a binary before migration 9 could have written them: a clock stepped back across an
    // hour (seq 4 and 5 are earlier than seq 3), and entries of no case.
    const std::vector<OldEntry> old = {
        {"2026-05-01T09:58:00.000Z", "case-A"}, {"2026-05-01T09:59:00.000Z", "case-B"},
        {"2026-05-01T10:01:00.000Z", "case-A"}, {"2026-05-01T09:59:30.000Z", "case-A"},
        {"2026-05-01T09:59:40.000Z", "case-B"}, {"2026-05-01T10:02:00.000Z", ""},
        {"2026-05-01T10:03:00.000Z", "case-B"}, {"2026-05-01T12:00:00.000Z", "case-A"},
    };
    {
        auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
        migrate_up_to(*db, 8);
        for (std::size_t i = 0; i < old.size(); ++i)
            insert_audit_row(*db, static_cast<std::int64_t>(i + 1), old[i].recorded_at,
                             old[i].case_id, "h");
    }
    auto store = SqliteStore::open(file).value();
    EXPECT_NE(store->describe().find("schema 12"), std::string::npos) << store->describe();
    // Whether the index's thread has caught up with the old entries yet or not, and once it
    // surely has.
    for (int round = 0; round < 2; ++round) {
        if (round == 1) {
            ASSERT_TRUE(store->index_audit_trail());
        }
        EXPECT_EQ(audit_seqs(*store, "case-A", 0, 100), (std::vector<std::int64_t>{1, 3, 4, 8}))
            << round;
        EXPECT_EQ(audit_seqs(*store, "case-B", 0, 100), (std::vector<std::int64_t>{2, 5, 7}))
            << round;
        // Seq 4 is read with hour 09 when the reading starts after seq 3, and not again
        // with 10.
        EXPECT_EQ(audit_seqs(*store, "case-A", 3, 1), (std::vector<std::int64_t>{4})) << round;
        EXPECT_EQ(audit_seqs(*store, "case-A", 3, 100), (std::vector<std::int64_t>{4, 8})) << round;
        EXPECT_EQ(audit_seqs(*store, "case-B", 2, 100), (std::vector<std::int64_t>{5, 7})) << round;
    }
    {
        // A and B at 09 and 10 (seq 4 and 5 at 10, the latest hour reached), A at 12.
        auto index = sqlite::Connection::open(SqliteAuditIndex::file_beside(file),
                                              sqlite::Durability::Normal)
                         .value();
        EXPECT_EQ(text_of(*index,
                          "SELECT group_concat(case_id || ' ' || hour || ' ' || first_seq, ', ') "
                          "FROM (SELECT * FROM case_hours ORDER BY first_seq)"),
                  "case-A 2026-05-01T09 1, case-B 2026-05-01T09 2, case-A 2026-05-01T10 3, "
                  "case-B 2026-05-01T10 5, case-A 2026-05-01T12 8");
    }

    // An entry appended now, in an hour before the last one's, is recorded at the last one's
    // time and found with the others.
    AuditEntry late;
    late.recorded_at = "2026-05-01T11:00:00.000Z";
    late.action = "read";
    late.case_id = "case-B";
    auto seal = [](const AuditEntry& e) { return fmt::format("h{}", e.seq); };
    auto stored = store->append_audit({late}, seal, {}).value();
    EXPECT_EQ(stored[0].recorded_at, "2026-05-01T12:00:00.000Z");
    EXPECT_EQ(audit_seqs(*store, "case-B", 0, 100), (std::vector<std::int64_t>{2, 5, 7, 9}));

    auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
    EXPECT_EQ(indexes_of(*db, "audit_log"), "");
    EXPECT_EQ(text_of(*db, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace retorno::testing
