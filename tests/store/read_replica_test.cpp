// Reports can read from a hot standby (`read_database`): the test builds a primary and a
// streaming standby on loopback with scripts/test-postgres, writes on the primary, and reads
// the same cases from the standby, which reports how stale it is; with its replay paused the
// standby serves the older state and says so.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <pqxx/pqxx>

#include "store/open_store.h"
#include "store/own_cluster.h"
#include "store/postgres/postgres_url.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

std::string conninfo(const std::string& url) {
    return postgres::parse_connection_settings(url).value().conninfo;
}

// Runs one query as the clusters' superuser and answers its first value.
std::string query_value(const std::string& url, const std::string& sql) {
    pqxx::connection connection(conninfo(url));
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].c_str();
}

// Waits until the standby has replayed everything the primary has written so far.
bool caught_up(const std::string& primary, const std::string& standby) {
    auto target = query_value(primary, "SELECT pg_current_wal_lsn()");
    for (int attempt = 0; attempt < 600; ++attempt) {
        auto replayed = query_value(
            standby, "SELECT coalesce(pg_last_wal_replay_lsn() >= '" + target + "', false)");
        if (replayed == "t")
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// Waits until the standby has received (not necessarily replayed) what the primary wrote.
bool received(const std::string& primary, const std::string& standby) {
    auto target = query_value(primary, "SELECT pg_current_wal_lsn()");
    for (int attempt = 0; attempt < 600; ++attempt) {
        auto got = query_value(
            standby, "SELECT coalesce(pg_last_wal_receive_lsn() >= '" + target + "', false)");
        if (got == "t")
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

TEST(ReadReplica, ReportsReadFromAHotStandbyThatSaysHowStaleItIs) {
    if (auto missing = postgres_binaries_missing()) {
        if (postgres_may_be_missing())
            GTEST_SKIP() << *missing;
        FAIL() << *missing;
    }
    ThrowawayDir dir;
    OwnCluster primary_cluster(dir.path() / "primary");
    ASSERT_TRUE(primary_cluster.started()) << "scripts/test-postgres could not start a cluster";
    const std::string& primary_url = primary_cluster.url();

    // The primary is migrated before the standby is made, so the standby starts current.
    auto primary = PostgresStore::open(primary_url, 2).value();
    Case first = make_case(Id::generate(), 1);
    ASSERT_TRUE(primary->append(make_event(first), first));

    OwnCluster standby_cluster(dir.path() / "standby", primary_cluster);
    ASSERT_TRUE(standby_cluster.started()) << "scripts/test-postgres could not make a standby";
    auto replica_opened = open_read_replica(standby_cluster.url(), 2);
    ASSERT_TRUE(replica_opened) << replica_opened.error().message << " / "
                                << replica_opened.error().detail;
    auto& replica = **replica_opened;

    // Written on the primary, read on the standby.
    Case second = make_case(Id::generate(), 1, "Active", "SV", "GT");
    ASSERT_TRUE(primary->append(make_event(second), second));
    ASSERT_TRUE(caught_up(primary_url, standby_cluster.url()));
    EXPECT_EQ(replica.count_cases().value(), 2);
    auto read = replica.find_case(second.id).value();
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->origin_country, "SV");
    auto fresh = replica.freshness().value();
    EXPECT_TRUE(fresh.replica);
    EXPECT_EQ(fresh.staleness_seconds, 0.0);
    auto on_primary = primary->freshness().value();
    EXPECT_FALSE(on_primary.replica);

    // With its replay paused, the standby serves the older state and reports its staleness.
    query_value(standby_cluster.url(), "SELECT pg_wal_replay_pause()::text");
    Case third = make_case(Id::generate(), 1);
    ASSERT_TRUE(primary->append(make_event(third), third));
    ASSERT_TRUE(received(primary_url, standby_cluster.url()));
    EXPECT_EQ(primary->count_cases().value(), 3);
    EXPECT_EQ(replica.count_cases().value(), 2);
    EXPECT_FALSE(replica.find_case(third.id).value().has_value());
    auto stale = replica.freshness().value();
    EXPECT_TRUE(stale.replica);
    EXPECT_GT(stale.staleness_seconds, 0.0);

    query_value(standby_cluster.url(), "SELECT pg_wal_replay_resume()::text");
    ASSERT_TRUE(caught_up(primary_url, standby_cluster.url()));
    EXPECT_EQ(replica.count_cases().value(), 3);
    EXPECT_EQ(replica.freshness().value().staleness_seconds, 0.0);

    // The standby refuses writes; the store reports it and nothing changes.
    Case refused = make_case(Id::generate(), 1);
    auto written = replica.append(make_event(refused), refused);
    EXPECT_FALSE(written);
    EXPECT_EQ(primary->count_cases().value(), 3);
}

TEST(ReadReplica, OnlyAPostgresUrlNamesAReadReplica) {
    auto opened = open_read_replica("sqlite:other.db", 1);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(opened.error().message,
              "The read_database setting must be the postgresql:// URL of a hot standby of the "
              "database.");
}

}  // namespace
}  // namespace retorno::testing
