// A PostgreSQL server that stops under a running store: requests fail with Unavailable, and the
// store serves again by itself once the server is back. The test runs its own throwaway
// cluster (scripts/test-postgres), because it stops the server and others share theirs.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "store/own_cluster.h"
#include "store/store_backends.h"

// libpqxx 6.4 leaks the PGresult of a statement preparation that fails because the connection
// broke (connection_base's lazy prepare throws before it wraps the result). Our code never
// holds a PGresult itself, so a leaked one is always libpqxx's; this test provokes exactly that
// path. LeakSanitizer reads this hook at exit.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:PQmakeEmptyPGresult\n";
}

namespace retorno::testing {
namespace {

TEST(PostgresOutage, RequestsAreUnavailableWhileTheServerIsDownAndServedAgainAfter) {
    if (auto missing = postgres_binaries_missing()) {
        if (postgres_may_be_missing())
            GTEST_SKIP() << *missing;
        FAIL() << *missing;
    }
    ThrowawayDir dir;
    OwnCluster server(dir.path());
    ASSERT_TRUE(server.started()) << "scripts/test-postgres could not start a cluster";

    auto opened = PostgresStore::open(server.url(), 2);
    ASSERT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;
    auto& store = **opened;
    Case first = make_case(Id::generate(), 1);
    ASSERT_TRUE(store.append(make_event(first), first));

    ASSERT_TRUE(server.pause());
    auto found = store.find_case(first.id);
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(found.error().message, "The database cannot be reached.");
    Case second = make_case(first.id, 2);
    auto appended = store.append(make_event(second), second);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().code, ErrorCode::Unavailable);
    auto listed = store.list_cases(CaseFilter{});
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().code, ErrorCode::Unavailable);

    ASSERT_TRUE(server.resume());
    auto again = store.find_case(first.id);
    ASSERT_TRUE(again) << again.error().message << " / " << again.error().detail;
    ASSERT_TRUE(again->has_value());
    EXPECT_EQ((*again)->version, 1);
    auto retried = store.append(make_event(second), second);
    ASSERT_TRUE(retried) << retried.error().message << " / " << retried.error().detail;
    EXPECT_EQ(store.count_events().value(), 2);
}

}  // namespace
}  // namespace retorno::testing
