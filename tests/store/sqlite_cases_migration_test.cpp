// Migration 7 on SQLite: a database made by migrations 1-6, with cases in its WITHOUT ROWID
// projection, keeps every case, every column and every index when the store opens it, and its
// case projection is then an ordinary rowid table. Migrations 10 and 11 then record each
// case's parties, read from its document, so that each list has only its own cases at once.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/time.h"
#include "domain/open_task.h"
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
            if (i % 4 == 0)
                c.steps_completed = {"identification", std::string(kOriginNotifiedStep)};
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
    EXPECT_NE(store->describe().find("schema 12"), std::string::npos) << store->describe();
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

    // Migrations 10 and 11: each case's parties are read from its document, as parties_of
    // reads them, so each list has only its own cases without any case being read again.
    auto db = sqlite::Connection::open(file, sqlite::Durability::Normal).value();
    std::vector<Id> everyone;
    std::vector<Id> notified_from_gt;
    for (const auto& c : written) {
        const auto parties = parties_of(c);
        EXPECT_EQ(
            text_of(*db, fmt::format("SELECT opened_by_institution || ' ' || "
                                     "origin_notified FROM cases WHERE id = '{}'",
                                     c.id.to_string())),
            fmt::format("{} {}", parties.opened_by_institution, parties.origin_notified ? 1 : 0));
        everyone.push_back(c.id);
        if (parties.origin_notified && c.origin_country == "GT")
            notified_from_gt.push_back(c.id);
    }
    ASSERT_FALSE(notified_from_gt.empty());
    auto listed = [&](PartyFilter party) {
        int pages = 0;
        return all_pages(*store, CaseFilter{.limit = 7, .party = std::move(party)}, &pages);
    };
    const std::string stranger = Id::generate().to_string();
    EXPECT_EQ(listed(PartyFilter{stranger, "", ""}), std::vector<Id>{});
    EXPECT_EQ(listed(PartyFilter{written.front().opened_by_institution, "", ""}),
              newest_first(everyone));
    EXPECT_EQ(listed(PartyFilter{stranger, "", "GT"}), newest_first(notified_from_gt));

    EXPECT_EQ(text_of(*db, "SELECT sql FROM sqlite_master WHERE name = 'cases'").find("WITHOUT"),
              std::string::npos);
    EXPECT_EQ(indexes_of(*db, "cases"),
              "cases_for_listing,cases_listed_by_destination,cases_listed_by_notified_origin,"
              "cases_listed_by_opener,sqlite_autoindex_cases_1");
    EXPECT_EQ(text_of(*db, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace retorno::testing
