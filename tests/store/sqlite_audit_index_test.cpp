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

// A store at `file` with entries of `cases` (perhaps none) sealed with `tag`, indexed, and
// closed.
void make_indexed_store(const std::filesystem::path& file, const std::vector<std::string>& cases,
                        const char* tag) {
    std::filesystem::create_directories(file.parent_path());
    auto store = SqliteStore::open(file).value();
    if (!cases.empty())
        append(*store, cases, tag);
    ASSERT_TRUE(store->index_audit_trail());
}

// The index of the store at `from` is put beside the store at `to`, as a careless copy would.
void copy_index_beside(const std::filesystem::path& from, const std::filesystem::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        auto source = SqliteAuditIndex::file_beside(from).string() + suffix;
        auto target = SqliteAuditIndex::file_beside(to).string() + suffix;
        std::filesystem::remove(target);
        if (std::filesystem::exists(source))
            std::filesystem::copy_file(source, target);
    }
}

TEST(SqliteAuditIndex, EntriesTheIndexHasNotReachedAreReadFromTheTrail) {
    ThrowawayDir dir;
    const auto file = dir.path() / "retorno.db";
    auto store = SqliteStore::open(file).value();
    append(*store, {"case-X", "case-Y", "case-X"}, "h");
    ASSERT_TRUE(store->index_audit_trail());
    // The index's file is held locked for writing (as another process's pass would hold it), so
    // that the store's thread cannot index past entry 3, however soon it wakes.
    auto held =
        sqlite::Connection::open(SqliteAuditIndex::file_beside(file), sqlite::Durability::Normal)
            .value();
    ASSERT_TRUE(held->execute("BEGIN IMMEDIATE"));
    {
        // Another process appends two entries: this store's index is not told of them.
        auto other = sqlite::Connection::open(file, sqlite::Durability::Full).value();
        for (std::int64_t seq : {4, 5})
            insert_audit_row(*other, seq, "2026-05-01T11:00:00.000Z", "case-X", "h");
    }
    auto indexed_through = [&] {
        auto index = sqlite::Connection::open(SqliteAuditIndex::file_beside(file),
                                              sqlite::Durability::Normal)
                         .value();
        return text_of(*index, "SELECT seq FROM progress");
    };
    EXPECT_EQ(indexed_through(), "3");
    EXPECT_EQ(audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{1, 3, 4, 5}));
    EXPECT_EQ(audit_seqs(*store, "case-Y"), (std::vector<std::int64_t>{2}));
    // The latest first: from the trail beyond the index, then from the index's hours.
    EXPECT_EQ(latest_audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{5, 4, 3, 1}));
    EXPECT_EQ(latest_audit_seqs(*store, "case-X", 2), (std::vector<std::int64_t>{5, 4}));
    EXPECT_EQ(latest_audit_seqs(*store, "case-X", 3), (std::vector<std::int64_t>{5, 4, 3}));
    EXPECT_EQ(latest_audit_seqs(*store, "case-Y"), (std::vector<std::int64_t>{2}));
    ASSERT_TRUE(held->execute("COMMIT"));
    ASSERT_TRUE(store->index_audit_trail());
    EXPECT_EQ(indexed_through(), "5");
    EXPECT_EQ(audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{1, 3, 4, 5}));
    EXPECT_EQ(latest_audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{5, 4, 3, 1}));
    EXPECT_EQ(latest_audit_seqs(*store, "case-X", 3), (std::vector<std::int64_t>{5, 4, 3}));
}

TEST(SqliteAuditIndex, AnIndexOfAnotherTrailIsRebuilt) {
    ThrowawayDir dir;
    const auto first = dir.path() / "first" / "retorno.db";
    const auto second = dir.path() / "second" / "retorno.db";
    make_indexed_store(first, {"case-X", "case-X", "case-X"}, "first");
    make_indexed_store(second, {"case-Y", "case-Y", "case-Y", "case-X"}, "second");
    copy_index_beside(first, second);
    auto store = SqliteStore::open(second).value();
    ASSERT_TRUE(store->index_audit_trail());
    EXPECT_EQ(audit_seqs(*store, "case-Y"), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{4}));
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
    make_indexed_store(first, {"case-X", "case-X", "case-X"}, "first");
    make_indexed_store(second, {}, "second");
    copy_index_beside(first, second);
    auto store = SqliteStore::open(second).value();
    ASSERT_TRUE(store->index_audit_trail());
    // Written by another process, so that the index is not told of them: the index must not
    // claim to cover them.
    {
        auto other = sqlite::Connection::open(second, sqlite::Durability::Full).value();
        for (std::int64_t seq : {1, 2})
            insert_audit_row(*other, seq, "2026-05-01T10:00:00.000Z", "case-X", "second");
    }
    EXPECT_EQ(audit_seqs(*store, "case-X"), (std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace retorno::testing
