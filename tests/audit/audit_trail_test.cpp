// The audit trail's ways of storing entries: at once (record), queued for its writer thread
// (append_async), and held back on the calling thread (AuditDeferral). On a real SQLite file.

#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "audit/audit_chain.h"
#include "audit/audit_deferral.h"
#include "audit/audit_trail.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno::testing {
namespace {

audit::Record read_of(int n) {
    return audit::Record{fmt::format("user-{}", n), "inst-1",   "192.0.2.1", "read",
                         fmt::format("case-{}", n), "identity", "test"};
}

class AuditTrailTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto problem = m_backing.open(Backend::Sqlite);
        ASSERT_TRUE(problem.empty()) << problem;
        auto key_file = m_backing.dir.path() / "keys" / audit::kAuditKeyFile;
        ASSERT_TRUE(audit::create_signing_key(key_file));
        m_key = audit::load_signing_key(key_file).value();
    }
    bool chain_intact() { return audit::verify_chain(store(), m_key.public_hex).value().intact; }
    Store& store() { return *m_backing.store; }
    std::vector<std::string> stored_users() {
        std::vector<std::string> out;
        const auto entries = store().audit_entries(0, 100'000, "").value();
        for (const auto& entry : entries)
            out.push_back(entry.actor_user);
        return out;
    }

    StoreUnderTest m_backing;
    ManualClock m_clock;
    audit::SigningKey m_key;
};

TEST_F(AuditTrailTest, AnAsynchronousAppendCallsBackOnceItsEntriesAreStored) {
    audit::AuditTrail trail(store(), m_clock, m_key);
    std::promise<std::vector<std::string>> seen_when_called;
    trail.append_async({read_of(1), read_of(2)}, [&](Status stored) {
        EXPECT_TRUE(stored);
        // The callback runs after the commit: the entries are already there.
        seen_when_called.set_value(stored_users());
    });
    auto seen = seen_when_called.get_future();
    ASSERT_EQ(seen.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_EQ(seen.get(), (std::vector<std::string>{"user-1", "user-2"}));
    EXPECT_TRUE(chain_intact());
}

TEST_F(AuditTrailTest, AsynchronousAndImmediateEntriesShareOneChainInOrder) {
    audit::AuditTrail trail(store(), m_clock, m_key);
    std::vector<std::promise<bool>> done(50);
    for (int i = 0; i < 50; ++i) {
        if (i % 5 == 0) {
            ASSERT_TRUE(trail.record(read_of(i)));
            done[static_cast<std::size_t>(i)].set_value(true);
        } else {
            trail.append_async({read_of(i)}, [&done, i](Status stored) {
                done[static_cast<std::size_t>(i)].set_value(static_cast<bool>(stored));
            });
        }
    }
    for (auto& each : done)
        EXPECT_TRUE(each.get_future().get());
    std::vector<std::string> expected;
    for (int i = 0; i < 50; ++i)
        expected.push_back(fmt::format("user-{}", i));
    EXPECT_EQ(stored_users(), expected);
    EXPECT_TRUE(chain_intact());
}

TEST_F(AuditTrailTest, DestroyingTheTrailStoresWhatIsStillQueued) {
    int called = 0;
    {
        audit::AuditTrail trail(store(), m_clock, m_key);
        for (int i = 0; i < 200; ++i)
            trail.append_async({read_of(i)},
                               [&called](Status stored) { called += stored ? 1 : 0; });
    }
    EXPECT_EQ(called, 200);
    EXPECT_EQ(stored_users().size(), 200u);
}

// Between two commits the writer waits out the commit interval; entries queued meanwhile are
// appended after it, and a trail being destroyed does not wait for it (an hour here: a test
// that waited would never end).
TEST_F(AuditTrailTest, TheCommitIntervalHoldsNothingBackAtDestruction) {
    int called = 0;
    {
        audit::AuditTrail trail(store(), m_clock, m_key);
        trail.set_commit_interval(std::chrono::hours(1));
        std::promise<void> first;
        trail.append_async({read_of(0)}, [&](Status stored) {
            called += stored ? 1 : 0;
            first.set_value();
        });
        first.get_future().wait();
        for (int i = 1; i < 20; ++i)
            trail.append_async({read_of(i)},
                               [&called](Status stored) { called += stored ? 1 : 0; });
        // Immediate entries are not held back by the interval.
        ASSERT_TRUE(trail.record(read_of(99)));
    }
    EXPECT_EQ(called, 20);
    EXPECT_EQ(stored_users().size(), 21u);
    EXPECT_TRUE(chain_intact());
}

// The writer thread is woken only when it waits for entries, not once per entry. Threads that
// queue entries while others append at once, and while the writer waits out its interval,
// must still have every entry stored and called back: a missed wake-up leaves a callback
// waiting for ever (the wait below gives up after a minute).
TEST_F(AuditTrailTest, EntriesQueuedFromManyThreadsWhileOthersAppendAtOnceAreAllStored) {
    constexpr int kThreads = 4;
    constexpr int kEach = 60;
    audit::AuditTrail trail(store(), m_clock, m_key);
    trail.set_commit_interval(std::chrono::microseconds(300));
    std::vector<std::promise<bool>> done(kThreads * kEach);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const int n = t * kEach + i;
                auto& promise = done[static_cast<std::size_t>(n)];
                if ((n + t) % 3 == 0) {
                    promise.set_value(static_cast<bool>(trail.record(read_of(n))));
                } else {
                    trail.append_async({read_of(n)}, [&promise](Status stored) {
                        promise.set_value(static_cast<bool>(stored));
                    });
                }
                if (i % 7 == 0)
                    std::this_thread::sleep_for(std::chrono::microseconds(500));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (auto& each : done) {
        auto future = each.get_future();
        ASSERT_EQ(future.wait_for(std::chrono::seconds(60)), std::future_status::ready);
        EXPECT_TRUE(future.get());
    }
    EXPECT_EQ(stored_users().size(), static_cast<std::size_t>(kThreads * kEach));
    EXPECT_TRUE(chain_intact());
}

TEST_F(AuditTrailTest, AFailedAppendIsReportedToEveryWaiterAndStoresNothing) {
    // The database refuses every new audit entry, as a full disk or a broken file would.
    auto db = sqlite::Connection::open(m_backing.sqlite_file(), sqlite::Durability::Normal).value();
    ASSERT_TRUE(
        db->execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END;"));
    audit::AuditTrail trail(store(), m_clock, m_key);
    std::promise<Status> outcome;
    trail.append_async({read_of(1), read_of(2)}, [&](Status stored) { outcome.set_value(stored); });
    auto stored = outcome.get_future().get();
    ASSERT_FALSE(stored);
    EXPECT_NE(stored.error().detail.find("disk full"), std::string::npos) << stored.error().detail;
    EXPECT_FALSE(trail.record(read_of(3)));
    EXPECT_TRUE(stored_users().empty());
}

TEST_F(AuditTrailTest, ADeferralHoldsBackWhatIsRecordedOnItsThread) {
    audit::AuditTrail trail(store(), m_clock, m_key);
    std::vector<audit::Record> held;
    {
        audit::AuditDeferral deferral;
        EXPECT_EQ(audit::AuditDeferral::on_this_thread(), &deferral);
        ASSERT_TRUE(trail.record(read_of(1)));
        ASSERT_TRUE(trail.record_all({read_of(2), read_of(3)}));
        // Another thread records as usual meanwhile.
        std::async(std::launch::async, [&] { ASSERT_TRUE(trail.record(read_of(9))); }).get();
        {
            audit::AuditDeferral inner;
            ASSERT_TRUE(trail.record(read_of(4)));
            ASSERT_EQ(inner.take().size(), 1u);
        }
        EXPECT_EQ(audit::AuditDeferral::on_this_thread(), &deferral);
        held = deferral.take();
        EXPECT_TRUE(deferral.take().empty());
    }
    EXPECT_EQ(audit::AuditDeferral::on_this_thread(), nullptr);
    EXPECT_EQ(stored_users(), (std::vector<std::string>{"user-9"}));
    ASSERT_EQ(held.size(), 3u);
    EXPECT_EQ(held[0].actor_user, "user-1");
    EXPECT_EQ(held[2].actor_user, "user-3");
    // Without a deferral, recording stores at once again.
    ASSERT_TRUE(trail.record(read_of(5)));
    EXPECT_EQ(stored_users(), (std::vector<std::string>{"user-9", "user-5"}));
}

}  // namespace
}  // namespace retorno::testing
