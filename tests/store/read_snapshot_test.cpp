// Store::begin_read_snapshot on SQLite: the reads of one thread between begin and end see one
// state of the store, whatever is written meanwhile, by that thread or another; other threads
// and other stores are not affected. (PostgreSQL keeps the default: every read stands alone.)

#include <thread>

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

class ReadSnapshotTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto problem = m_backing.open(Backend::Sqlite);
        ASSERT_TRUE(problem.empty()) << problem;
        ASSERT_TRUE(store().append(make_event(make_case(m_id, 1)), make_case(m_id, 1)));
    }
    Store& store() { return *m_backing.store; }
    std::int64_t version_seen(Store& from) { return from.find_case(m_id).value()->version; }
    void write_version(std::int64_t version) {
        Case next = make_case(m_id, version);
        ASSERT_TRUE(store().append(make_event(next), next));
    }

    StoreUnderTest m_backing;
    Id m_id = Id::generate();
};

TEST_F(ReadSnapshotTest, ReadsSeeTheStateOfTheirFirstReadUntilTheSnapshotEnds) {
    {
        ReadSnapshot snapshot(store());
        EXPECT_EQ(version_seen(store()), 1);
        // A write made meanwhile, even by this thread, is stored but not seen by the snapshot.
        write_version(2);
        EXPECT_EQ(version_seen(store()), 1);
        EXPECT_EQ(store().case_events(m_id, 0, 10).value().size(), 1u);
    }
    EXPECT_EQ(version_seen(store()), 2);
    EXPECT_EQ(store().case_events(m_id, 0, 10).value().size(), 2u);
}

TEST_F(ReadSnapshotTest, AnotherThreadReadsTheLatestStateMeanwhile) {
    ReadSnapshot snapshot(store());
    EXPECT_EQ(version_seen(store()), 1);
    write_version(2);
    std::int64_t other_thread_saw = 0;
    std::thread other([&] { other_thread_saw = version_seen(store()); });
    other.join();
    EXPECT_EQ(other_thread_saw, 2);
    EXPECT_EQ(version_seen(store()), 1);
}

TEST_F(ReadSnapshotTest, ANestedSnapshotIsPartOfTheOuterOne) {
    ReadSnapshot outer(store());
    EXPECT_EQ(version_seen(store()), 1);
    write_version(2);
    {
        ReadSnapshot inner(store());
        EXPECT_EQ(version_seen(store()), 1);
    }
    // Ending the inner snapshot does not end the outer one.
    EXPECT_EQ(version_seen(store()), 1);
}

TEST_F(ReadSnapshotTest, ASecondStoreOverTheSameFileIsNotPartOfTheSnapshot) {
    auto another = m_backing.open_another();
    ASSERT_TRUE(another) << another.error().detail;
    ReadSnapshot snapshot(store());
    EXPECT_EQ(version_seen(store()), 1);
    write_version(2);
    EXPECT_EQ(version_seen(**another), 2);
    EXPECT_EQ(version_seen(store()), 1);
}

TEST_F(ReadSnapshotTest, ManySnapshotsInTurnLeaveNoReadBehind) {
    // Each snapshot's connection goes back to the pool: a hundred requests in turn, each in a
    // snapshot, see every write made between them.
    for (std::int64_t version = 2; version <= 100; ++version) {
        write_version(version);
        ReadSnapshot snapshot(store());
        ASSERT_EQ(version_seen(store()), version);
    }
}

}  // namespace
}  // namespace retorno::testing
