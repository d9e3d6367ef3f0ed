// The event-log follower under which the person index stays up to date: every case with a new
// event comes back once, whichever store handle appended it, and positions that PostgreSQL
// makes visible out of order are not lost.

#include <gtest/gtest.h>

#include "service/event_log_follower.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno {
namespace {

using testing::ManualClock;

using testing::Backend;

class Follower : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override { RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam()); }

    Store& store() { return *m_backing.store; }

    // Appends version `version` of a case (opening it at version 1).
    void append(const Id& id, std::int64_t version) {
        Case c = testing::make_case(id, version);
        auto appended = store().append(testing::make_event(c), c);
        ASSERT_TRUE(appended) << appended.error().message << " / " << appended.error().detail;
    }

    testing::StoreUnderTest m_backing;
    ManualClock clock{parse_timestamp("2026-06-01T10:00:00Z").value()};
};

TEST_P(Follower, AnswersEachChangedCaseOnceInTheOrderOfItsFirstNewEvent) {
    EventLogFollower follower(store(), clock);
    EXPECT_TRUE(follower.poll().value().empty());
    const Id a = Id::generate();
    const Id b = Id::generate();
    const Id c = Id::generate();
    append(a, 1);
    append(b, 1);
    append(a, 2);
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{a, b}));
    EXPECT_TRUE(follower.poll().value().empty());
    append(c, 1);
    append(b, 2);
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{c, b}));
    EXPECT_EQ(follower.gaps(), 0u);
    EXPECT_EQ(follower.floor(), 5);

    // Another handle on the same database (another process) is followed the same way.
    EventLogFollower late(store(), clock);
    EXPECT_EQ(late.poll().value(), (std::vector<Id>{a, b, c}));
}

TEST_P(Follower, ReadsBeyondOnePageOfTheLog) {
    EventLogFollower follower(store(), clock, std::chrono::seconds(60), 2);
    std::vector<Id> opened;
    for (int i = 0; i < 7; ++i) {
        opened.push_back(Id::generate());
        append(opened.back(), 1);
    }
    EXPECT_EQ(follower.poll().value(), opened);
    EXPECT_EQ(follower.floor(), 7);
    append(opened[2], 2);
    append(opened[0], 2);
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{opened[2], opened[0]}));
}

// Under PostgreSQL an append takes its position when it starts and shows when it commits: a
// slow append can show after a faster, later one, and a rolled-back one never shows.
class PostgresFollower : public Follower {};

TEST_P(PostgresFollower, WaitsForAPositionCommittedLateAndGivesUpARolledBackOne) {
    const Id first = Id::generate();
    const Id slow = Id::generate();
    const Id fast = Id::generate();
    append(first, 1);
    EventLogFollower follower(store(), clock, std::chrono::seconds(60));
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{first}));

    const auto insert_sql = [](const Id& case_id) {
        return "INSERT INTO events (id, case_id, version, kind, data, actor_user, "
               "actor_institution, recorded_at, previous_hash, hash) VALUES ('" +
               Id::generate().to_string() + "', '" + case_id.to_string() +
               "', 1, 'case_opened', '{}', 'system', '', now(), '', 'h')";
    };
    pqxx::connection connection(
        postgres::parse_connection_settings(m_backing.database->url()).value().conninfo);
    {
        pqxx::work in_flight(connection);
        in_flight.exec(insert_sql(slow));  // takes position 2, not yet visible
        append(fast, 1);                   // position 3, committed first
        EXPECT_EQ(follower.poll().value(), (std::vector<Id>{fast}));
        EXPECT_EQ(follower.gaps(), 1u);
        EXPECT_EQ(follower.floor(), 1);
        in_flight.commit();
    }
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{slow}));
    EXPECT_EQ(follower.gaps(), 0u);
    EXPECT_EQ(follower.floor(), 3);

    {
        pqxx::work rolled_back(connection);
        rolled_back.exec(insert_sql(Id::generate()));  // position 4, never visible
        rolled_back.abort();
    }
    const Id after = Id::generate();
    append(after, 1);  // position 5
    EXPECT_EQ(follower.poll().value(), (std::vector<Id>{after}));
    EXPECT_EQ(follower.gaps(), 1u);
    clock.advance(std::chrono::seconds(59));
    EXPECT_TRUE(follower.poll().value().empty());
    EXPECT_EQ(follower.gaps(), 1u);
    clock.advance(std::chrono::seconds(1));
    EXPECT_TRUE(follower.poll().value().empty());
    EXPECT_EQ(follower.gaps(), 0u);
    EXPECT_EQ(follower.floor(), 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, Follower,
                         ::testing::ValuesIn({Backend::Sqlite, Backend::Postgres}),
                         [](const auto& info) { return testing::backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, PostgresFollower, ::testing::Values(Backend::Postgres),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
