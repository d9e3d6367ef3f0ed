// Migration 7 on SQLite: a database made by migrations 1-6, with cases in its WITHOUT ROWID
// projection, keeps every case, every column and every index when the store opens it, and its
// case projection is then an ordinary rowid table. Migration 10 then leaves the cases' parties
// unrecorded, which keeps them in every institution's list until they are recorded.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/time.h"
#include "store/sqlite_schema_history.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

TEST(SqliteCasesMigration, KeepsEveryCaseAndMakesTheProjectionARowidTable) {
    ThrowawayDir dir;
    const auto file = dir.path() / "retorno.db";
    std::vector<Case> written;
    {
        auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
        migrate_up_to(*db, 6);
        EXPECT_NE(text_of(*db, "SELECT sql FROM sqlite_master WHERE name = 'cases'")
                      .find("WITHOUT ROWID"),
                  std::string::npos);
    }
    {
        // The store of a binary from before migration 7 would have written these; the store
        // of this one writes them the same way through the columns that both have.
        auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
        for (int i = 0; i < 30; ++i) {
            Case c = make_case(Id::generate(), 1 + i % 3, i % 2 == 0 ? "Active" : "Closed",
                               i % 3 == 0 ? "GT" : "HN", "MX");
            written.push_back(c);
            auto insert = db->prepare(
                                "INSERT INTO cases (id, version, status, origin_country, "
                                "destination_country, opened_at, updated_at, document) VALUES "
                                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                              .value();
            insert.bind(1, c.id.to_string())
                .bind(2, c.version)
                .bind(3, c.status)
                .bind(4, c.origin_country)
                .bind(5, c.destination_country)
                .bind(6, format_timestamp(c.opened_at))
                .bind(7, format_timestamp(c.updated_at))
                .bind(8, document_of(c));
            ASSERT_TRUE(insert.run());
        }
    }
    auto store = SqliteStore::open(file).value();
    EXPECT_NE(store->describe().find("schema 10"), std::string::npos) << store->describe();
    for (const auto& c : written) {
        auto found = store->find_case(c.id).value();
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(document_of(*found), document_of(c));
    }
    EXPECT_EQ(store->count_cases().value(), 30);
    CaseFilter filter;
    filter.status = "Closed";
    filter.country = "GT";
    filter.limit = 100;
    auto page = store->list_cases(filter).value();
    int expected = 0;
    for (const auto& c : written)
        expected += c.status == "Closed" && c.origin_country == "GT" ? 1 : 0;
    EXPECT_EQ(static_cast<int>(page.cases.size()), expected);

    // Migration 10: no case's parties are recorded yet, so every list keeps every case, and
    // every case is stale until `retorno serve` derives its tasks again, which records them.
    int pages = 0;
    const auto listed = all_pages(
        *store, CaseFilter{.limit = 7, .party = PartyFilter{Id::generate().to_string(), "", ""}},
        &pages);
    EXPECT_EQ(listed.size(), 30u);
    EXPECT_EQ(store->cases_with_stale_tasks("fp", "", 100).value().size(), 30u);

    auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
    EXPECT_EQ(text_of(*db, "SELECT sql FROM sqlite_master WHERE name = 'cases'").find("WITHOUT"),
              std::string::npos);
    EXPECT_EQ(indexes_of(*db, "cases"),
              "cases_for_listing,cases_listed_by_destination,cases_listed_by_notified_origin,"
              "cases_listed_by_opener,sqlite_autoindex_cases_1");
    EXPECT_EQ(text_of(*db, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace retorno::testing
