// An archive of a PostgreSQL database from before migration 10, restored into today's schema:
// its case rows come without their parties, so every list keeps them until `retorno serve`
// starts, derives their tasks again and records the parties (docs/architecture.md, the case
// list). The archive is a real one (pg_dump) of a database whose case rows were stripped of the
// two columns, as schema 9 had them; its events and chains are real, made by the demo seed.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/time.h"
#include "domain/open_task.h"
#include "protocol/registry.h"
#include "service/case_service.h"
#include "service/demo_data.h"
#include "store/postgres/postgres_backup.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno {
namespace {

using testing::all_pages;
using testing::ManualClock;
using testing::ThrowawayDatabase;

constexpr int kCases = 12;

TEST(OlderPostgresArchive, ItsCasesAreListedToEveryoneUntilTheServerRecordsTheirParties) {
    testing::StoreUnderTest source;  // with its key file, as a deployment has
    RETORNO_OPEN_BACKEND_OR_SKIP(source, testing::Backend::Postgres);
    const auto cipher = source.cipher;
    auto registry = protocol::ProtocolRegistry::load_default().value();
    ManualClock clock(parse_timestamp("2026-11-02T10:00:00.000Z").value());
    {
        CaseService cases(*source.store, clock, registry);
        auto seeded = seed_demo_data(*source.store, cases, kCases, 7);
        ASSERT_TRUE(seeded) << seeded.error().message << " / " << seeded.error().detail;
    }
    source.store.reset();  // its connections close before its schema is changed
    // What a database of schema 9 held: case rows without their parties.
    source.database->execute(
        "ALTER TABLE cases DROP COLUMN opened_by_institution, DROP COLUMN origin_notified");
    source.database->execute("DELETE FROM schema_migrations WHERE version >= 10");
    const auto archive = source.dir.path() / "schema-9.backup";
    auto dumped = postgres::pg_dump_backup(source.database->url(), archive);
    ASSERT_TRUE(dumped) << dumped.error().message << " / " << dumped.error().detail;

    ThrowawayDatabase target(*testing::postgres_test_url());
    ASSERT_TRUE(PostgresStore::open(target.url(), 2, cipher));  // today's schema, empty
    auto restored = postgres::pg_restore_backup(target.url(), archive, cipher.get());
    ASSERT_TRUE(restored) << restored.error().message << " / " << restored.error().detail;
    EXPECT_EQ(target.query_text("SELECT count(*) FROM cases WHERE opened_by_institution IS NULL "
                                "AND origin_notified IS NULL"),
              std::to_string(kCases));

    auto store = PostgresStore::open(target.url(), 2, cipher).value();
    const PartyFilter stranger{Id::generate().to_string(), "", ""};
    auto listed = [&](const PartyFilter& party) {
        int pages = 0;
        return all_pages(*store, CaseFilter{.limit = 5, .party = party}, &pages);
    };
    EXPECT_EQ(listed(stranger).size(), static_cast<std::size_t>(kCases));

    // What `retorno serve` does when it starts.
    CaseService cases(*store, clock, registry);
    EXPECT_EQ(cases.refresh_open_tasks().value(), kCases);
    EXPECT_EQ(listed(stranger), std::vector<Id>{});
    int pages = 0;
    for (const auto& id : all_pages(*store, CaseFilter{.limit = 50}, &pages)) {
        const auto parties = parties_of(*store->find_case(id).value());
        EXPECT_EQ(target.query_text(fmt::format("SELECT opened_by_institution || ' ' || "
                                                "origin_notified FROM cases WHERE id = '{}'",
                                                id.to_string())),
                  fmt::format("{} {}", parties.opened_by_institution,
                              parties.origin_notified ? "true" : "false"));
        EXPECT_FALSE(listed(PartyFilter{parties.opened_by_institution, "", ""}).empty());
    }
    EXPECT_EQ(cases.refresh_open_tasks().value(), 0);
}

}  // namespace
}  // namespace retorno
