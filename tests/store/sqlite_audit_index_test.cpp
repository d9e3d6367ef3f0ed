// The SQLite store's index of the audit trail by case (store/sqlite/sqlite_audit_index.h): it
// may lag behind the trail without an entry being missed, and an index beside another trail
// is rebuilt.

#include <gtest/gtest.h>

#include <filesystem>

#include <fmt/format.h>

#include "store/sqlite_schema_history.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

std::vector<std::int64_t> seqs_of(SqliteStore& store, const std::string& case_id) {
    const auto entries = store.audit_entries(0, 1000, case_id).value();
    std::vector<std::int64_t> out;
    for (const auto& entry : entries)
        out.push_back(entry.seq);
    return out;
}

void append(SqliteStore& store, const std::vector<std::string>& cases, const char* tag) {
    std::vector<AuditEntry> entries;
    for (const auto& case_id : cases) {
        AuditEntry e;
        e.recorded_at = "2026-05-01T10:00:00.000Z";
        e.action = "read";
        e.case_id = case_id;
        entries.push_back(e);
    }
    auto seal = [tag](const AuditEntry& e) { return fmt::format("{}{}", tag, e.seq); };
    ASSERT_TRUE(store.append_audit(entries, seal, {}));
}

TEST(SqliteAuditIndex, EntriesTheIndexHasNotReachedAreReadFromTheTrail) {
    ThrowawayDir dir;
    const auto file = dir.path() / "retorno.db";
    auto store = SqliteStore::open(file).value();
    append(*store, {"case-X", "case-Y", "case-X"}, "h");
    ASSERT_TRUE(store->index_audit_trail());
    {
        // Another process appends two entries: this store's index is not told of them.
        auto other = sqlite::Connection::open(file, sqlite::Durability::Full).value();
        for (std::int64_t seq : {4, 5}) {
            auto insert = other
                              ->prepare(
                                  "INSERT INTO audit_log (seq, recorded_at, actor_user, "
                                  "actor_institution, address, action, case_id, categories, "
                                  "reason, previous_hash, hash) VALUES (?1, "
                                  "'2026-05-01T11:00:00.000Z', 'u', 'i', 'local', 'read', "
                                  "'case-X', '', '', ?2, ?3)")
                              .value();
            insert.bind(1, seq)
                .bind(2, fmt::format("h{}", seq - 1))
                .bind(3, fmt::format("h{}", seq));
            ASSERT_TRUE(insert.run());
        }
    }
    auto indexed_through = [&] {
        auto index = sqlite::Connection::open(SqliteAuditIndex::file_beside(file),
                                              sqlite::Durability::Normal)
                         .value();
        return text_of(*index, "SELECT seq FROM progress");
    };
    EXPECT_EQ(indexed_through(), "3");
    EXPECT_EQ(seqs_of(*store, "case-X"), (std::vector<std::int64_t>{1, 3, 4, 5}));
    EXPECT_EQ(seqs_of(*store, "case-Y"), (std::vector<std::int64_t>{2}));
    ASSERT_TRUE(store->index_audit_trail());
    EXPECT_EQ(indexed_through(), "5");
    EXPECT_EQ(seqs_of(*store, "case-X"), (std::vector<std::int64_t>{1, 3, 4, 5}));
}

TEST(SqliteAuditIndex, AnIndexOfAnotherTrailIsRebuilt) {
    ThrowawayDir dir;
    const auto first = dir.path() / "first" / "retorno.db";
    const auto second = dir.path() / "second" / "retorno.db";
    std::filesystem::create_directories(first.parent_path());
    std::filesystem::create_directories(second.parent_path());
    {
        auto store = SqliteStore::open(first).value();
        append(*store, {"case-X", "case-X", "case-X"}, "first");
        ASSERT_TRUE(store->index_audit_trail());
    }
    {
        auto store = SqliteStore::open(second).value();
        append(*store, {"case-Y", "case-Y", "case-Y", "case-X"}, "second");
        ASSERT_TRUE(store->index_audit_trail());
    }
    // The first store's index is put beside the second store, as a careless copy would.
    for (const char* suffix : {"", "-wal", "-shm"}) {
        auto from = SqliteAuditIndex::file_beside(first).string() + suffix;
        auto to = SqliteAuditIndex::file_beside(second).string() + suffix;
        std::filesystem::remove(to);
        if (std::filesystem::exists(from))
            std::filesystem::copy_file(from, to);
    }
    auto store = SqliteStore::open(second).value();
    ASSERT_TRUE(store->index_audit_trail());
    EXPECT_EQ(seqs_of(*store, "case-Y"), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(seqs_of(*store, "case-X"), (std::vector<std::int64_t>{4}));
    auto index =
        sqlite::Connection::open(SqliteAuditIndex::file_beside(second), sqlite::Durability::Normal)
            .value();
    EXPECT_EQ(text_of(*index,
                      "SELECT group_concat(case_id || ' ' || first_seq, ', ') FROM (SELECT * "
                      "FROM case_hours ORDER BY first_seq)"),
              "case-Y 1, case-X 4");
}

TEST(SqliteAuditIndex, AnIndexOfAnotherTrailBesideAnEmptyOneCoversNothing) {
    ThrowawayDir dir;
    const auto first = dir.path() / "first" / "retorno.db";
    const auto second = dir.path() / "second" / "retorno.db";
    std::filesystem::create_directories(first.parent_path());
    std::filesystem::create_directories(second.parent_path());
    {
        auto store = SqliteStore::open(first).value();
        append(*store, {"case-X", "case-X", "case-X"}, "first");
        ASSERT_TRUE(store->index_audit_trail());
    }
    { auto store = SqliteStore::open(second).value(); }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        auto from = SqliteAuditIndex::file_beside(first).string() + suffix;
        auto to = SqliteAuditIndex::file_beside(second).string() + suffix;
        std::filesystem::remove(to);
        if (std::filesystem::exists(from))
            std::filesystem::copy_file(from, to);
    }
    auto store = SqliteStore::open(second).value();
    ASSERT_TRUE(store->index_audit_trail());
    // Written by another process, so that the index is not told of them: the index must not
    // claim to cover them.
    {
        auto other = sqlite::Connection::open(second, sqlite::Durability::Full).value();
        ASSERT_TRUE(other->execute(
            "INSERT INTO audit_log (seq, recorded_at, actor_user, actor_institution, address, "
            "action, case_id, categories, reason, previous_hash, hash) VALUES "
            "(1, '2026-05-01T10:00:00.000Z', 'u', 'i', 'local', 'read', 'case-X', '', '', '', "
            "'second1'), "
            "(2, '2026-05-01T10:00:00.000Z', 'u', 'i', 'local', 'read', 'case-X', '', '', "
            "'second1', 'second2')"));
    }
    EXPECT_EQ(seqs_of(*store, "case-X"), (std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace retorno::testing
