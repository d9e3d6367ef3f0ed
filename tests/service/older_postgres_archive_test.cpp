// An archive of a PostgreSQL database from before migration 10, restored into today's schema:
// its case rows come without their parties, so every list keeps them until `retorno serve`
// starts, derives their tasks again and records the parties (docs/architecture.md, the case
// list). The archive is a real one (pg_dump) of a database whose case rows were stripped of the
// two columns, as schema 9 had them; its events and chains are real, made by the demo seed.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/time.h"
#include "crypto/keyring.h"
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
using testing::ThrowawayDir;

constexpr int kCases = 12;

TEST(OlderPostgresArchive, ItsCasesAreListedToEveryoneUntilTheServerRecordsTheirParties) {
    RETORNO_REQUIRE_POSTGRES();
    auto server = testing::postgres_test_url();
    ThrowawayDir dir;
    const auto key_file = data_key_file(dir.path());
    ASSERT_TRUE(create_keyring_file(key_file));
    auto cipher = FieldCipher::open(key_file).value();
    auto registry = protocol::ProtocolRegistry::load_default().value();
    ManualClock clock(parse_timestamp("2026-11-02T10:00:00.000Z").value());

    ThrowawayDatabase source(*server);
    {
        auto store = PostgresStore::open(source.url(), 2, cipher).value();
        CaseService cases(*store, clock, registry);
        auto seeded = seed_demo_data(*store, cases, kCases, 7);
        ASSERT_TRUE(seeded) << seeded.error().message << " / " << seeded.error().detail;
    }
    // What a database of schema 9 held: case rows without their parties.
    source.execute(
        "ALTER TABLE cases DROP COLUMN opened_by_institution, DROP COLUMN origin_notified");
    source.execute("DELETE FROM schema_migrations WHERE version >= 10");
    const auto archive = dir.path() / "schema-9.backup";
    auto dumped = postgres::pg_dump_backup(source.url(), archive);
    ASSERT_TRUE(dumped) << dumped.error().message << " / " << dumped.error().detail;

    ThrowawayDatabase target(*server);
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
