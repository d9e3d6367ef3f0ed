// A PostgreSQL server that stops under a running store: requests fail with Unavailable, and the
// store serves again by itself once the server is back. The test runs its own throwaway
// cluster (scripts/test-postgres), because it stops the server and others share theirs.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

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

const std::filesystem::path kScript =
    std::filesystem::path(RETORNO_SOURCE_ROOT) / "scripts/test-postgres";
const std::filesystem::path kInitdb = "/usr/lib/postgresql/15/bin/initdb";

// Runs scripts/test-postgres with a command on the cluster recorded in `dir`.
int cluster(const std::string& command, const std::filesystem::path& dir) {
    return std::system(
        fmt::format("'{}' {} '{}' >/dev/null", kScript.string(), command, dir.string()).c_str());
}

// A cluster of the test's own, removed with its data when the test ends.
class OwnCluster {
  public:
    explicit OwnCluster(const std::filesystem::path& dir) : m_dir(dir) {
        m_started = cluster("start", m_dir) == 0;
        if (m_started) {
            std::ifstream in(m_dir / "url");
            std::getline(in, m_url);
        }
    }
    ~OwnCluster() { cluster("stop", m_dir); }
    OwnCluster(const OwnCluster&) = delete;
    OwnCluster& operator=(const OwnCluster&) = delete;

    bool started() const { return m_started && !m_url.empty(); }
    const std::string& url() const { return m_url; }
    bool pause() { return cluster("pause", m_dir) == 0; }
    bool resume() { return cluster("resume", m_dir) == 0; }

  private:
    std::filesystem::path m_dir;
    bool m_started = false;
    std::string m_url;
};

TEST(PostgresOutage, RequestsAreUnavailableWhileTheServerIsDownAndServedAgainAfter) {
    if (!std::filesystem::exists(kInitdb)) {
        if (postgres_may_be_missing())
            GTEST_SKIP() << "PostgreSQL 15 is not installed";
        FAIL() << "PostgreSQL 15 is not installed (" << kInitdb
               << " is missing): apt-get install postgresql, or set RETORNO_ALLOW_NO_POSTGRES=1";
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
