// Migrations 10 and 11 on PostgreSQL: a database made by migrations 1-9, with cases in it, keeps
// every case when the store opens it, and each case's parties are read from its document, so
// that each list has only its own cases at once. A case whose parties are still unknown is
// listed to everyone until they are recorded (the store contract tests that part).

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "core/time.h"
#include "domain/open_task.h"
#include "store/migration.h"
#include "store/postgres/postgres_schema.h"
#include "store/postgres/postgres_url.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

constexpr int kVersionBeforeParties = 9;

// Brings an empty database to the given schema version, as an older retorno left it (the same
// table and rows as postgres::apply_migrations writes).
void migrate_up_to(const ThrowawayDatabase& database, int last) {
    auto migrations = migrations_from(postgres_migrations()).value();
    pqxx::connection connection(
        postgres::parse_connection_settings(database.url()).value().conninfo);
    pqxx::work tx(connection);
    tx.exec(
        "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
        "applied_at timestamptz NOT NULL DEFAULT now())");
    for (const auto& migration : migrations) {
        if (migration.number > last)
            break;
        tx.exec(std::string(migration.sql));
        tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                       migration.number, std::string(migration.name));
    }
    tx.commit();
}

// A case as an older retorno wrote it: the columns that schema 9 has, the document in clear
// (the store below has no cipher either).
void insert_old_case(const ThrowawayDatabase& database, const Case& c) {
    pqxx::connection connection(
        postgres::parse_connection_settings(database.url()).value().conninfo);
    pqxx::work tx(connection);
    tx.exec_params(
        "INSERT INTO cases (id, version, status, origin_country, destination_country, opened_at, "
        "updated_at, document) VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz, "
        "$7::timestamptz, $8::jsonb)",
        c.id.to_string(), c.version, c.status, c.origin_country, c.destination_country,
        format_timestamp(c.opened_at), format_timestamp(c.updated_at), document_of(c));
    tx.commit();
}

TEST(PostgresCasesMigration, KeepsEveryCaseAndReadsItsPartiesFromItsDocument) {
    RETORNO_REQUIRE_POSTGRES();
    auto server = postgres_test_url();
    ThrowawayDatabase database(*server);
    migrate_up_to(database, kVersionBeforeParties);

    // Twelve cases opened by one institution; the consulate of Guatemala has been told of the
    // Guatemalan children among the first six.
    const std::string opener = "0190a000-0000-7000-8000-000000000001";
    std::vector<Case> written;
    std::vector<Id> everyone;
    std::vector<Id> notified_from_gt;
    for (int i = 0; i < 12; ++i) {
        Case c = make_case(Id::generate(), 1 + i % 3, i % 4 == 3 ? "Closed" : "Active",
                           i % 2 == 0 ? "GT" : "HN", "MX");
        c.opened_by_institution = opener;
        if (i < 6) {
            c.steps_completed = {"identification", std::string(kOriginNotifiedStep)};
            if (c.origin_country == "GT")
                notified_from_gt.push_back(c.id);
        }
        insert_old_case(database, c);
        written.push_back(c);
        everyone.push_back(c.id);
    }

    auto store = PostgresStore::open(database.url(), 2).value();
    EXPECT_NE(store->describe().find("schema 12"), std::string::npos) << store->describe();
    for (const auto& c : written) {
        auto found = store->find_case(c.id).value();
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(document_of(*found), document_of(c));
        const auto parties = parties_of(c);
        EXPECT_EQ(database.query_text(fmt::format(
                      "SELECT opened_by_institution || ' ' || origin_notified FROM cases "
                      "WHERE id = '{}'",
                      c.id.to_string())),
                  fmt::format("{} {}", parties.opened_by_institution,
                              parties.origin_notified ? "true" : "false"));
    }

    auto listed = [&](PartyFilter party) {
        int pages = 0;
        return all_pages(*store, CaseFilter{.limit = 5, .party = std::move(party)}, &pages);
    };
    const std::string stranger = Id::generate().to_string();
    EXPECT_EQ(listed(PartyFilter{stranger, "", ""}), std::vector<Id>{});
    EXPECT_EQ(listed(PartyFilter{opener, "", ""}), newest_first(everyone));
    EXPECT_EQ(listed(PartyFilter{stranger, "", "GT"}), newest_first(notified_from_gt));
    EXPECT_EQ(listed(PartyFilter{stranger, "MX", ""}), newest_first(everyone));

    // The indexes that the list's arms read were made by migration 10.
    EXPECT_EQ(database.query_text("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM "
                                  "pg_indexes WHERE tablename = 'cases'"),
              "cases_by_destination,cases_by_origin,cases_by_status,cases_listed_by_notified_"
              "origin,cases_listed_by_opener,cases_pkey");
}

}  // namespace
}  // namespace retorno::testing
