// The audit trail is tamper-evident: these tests change the database by hand, as someone with
// direct access to it could (dropping the append-only triggers first), and expect
// `verify_chain` to name the first entry that no longer fits.

#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "audit/audit_chain.h"
#include "audit/audit_trail.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno::testing {
namespace {

using testing::ManualClock;

class AuditChainTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam());
        auto key_file = m_backing.dir.path() / "keys" / audit::kAuditKeyFile;
        ASSERT_TRUE(audit::create_signing_key(key_file));
        m_key = audit::load_signing_key(key_file).value();
        m_trail = std::make_unique<audit::AuditTrail>(store(), m_clock, m_key);
        for (int i = 1; i <= 6; ++i) {
            ASSERT_TRUE(m_trail->record(audit::Record{
                fmt::format("user-{}", i), "inst-1", "192.0.2.1", i % 2 ? "read" : "write",
                fmt::format("case-{}", i % 3), "identity", "test"}));
            m_clock.advance(std::chrono::hours(6));  // entries over two days: two signed heads
        }
    }

    Store& store() { return *m_backing.store; }

    // Runs SQL on the database behind the store, as its owner would by hand.
    void tamper(const std::string& sql) {
        if (GetParam() == Backend::Sqlite) {
            auto db = sqlite::Connection::open(m_backing.dir.path() / "retorno.db",
                                               sqlite::Durability::Normal)
                          .value();
            ASSERT_TRUE(
                db->execute("DROP TRIGGER IF EXISTS audit_log_is_append_only_update; "
                            "DROP TRIGGER IF EXISTS audit_log_is_append_only_delete;"));
            auto done = db->execute(sql);
            ASSERT_TRUE(done) << done.error().detail;
        } else {
            m_backing.database->execute("ALTER TABLE audit_log DISABLE TRIGGER USER; " + sql);
        }
    }

    audit::ChainReport verify() {
        auto report = audit::verify_chain(store(), m_key.public_hex);
        EXPECT_TRUE(report) << report.error().message;
        return report.value_or(audit::ChainReport{});
    }

    std::string entry_values(const AuditEntry& e) {
        return fmt::format("({}, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')",
                           e.seq, e.recorded_at, e.actor_user, e.actor_institution, e.address,
                           e.action, e.case_id, e.categories, e.reason, e.previous_hash, e.hash);
    }

    StoreUnderTest m_backing;
    ManualClock m_clock;
    audit::SigningKey m_key;
    std::unique_ptr<audit::AuditTrail> m_trail;
};

TEST_P(AuditChainTest, AnUntouchedLogVerifies) {
    auto report = verify();
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_EQ(report.entries, 6);
    EXPECT_EQ(report.signed_days, 2);
}

TEST_P(AuditChainTest, ConcurrentRecordsAreEachStoredOnceInOneUnbrokenChain) {
    // Many threads record at once, as the handler threads of a busy server do; whichever
    // batches the group commit makes, every entry is stored exactly once and the chain holds.
    constexpr int kThreads = 8;
    constexpr int kEach = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t] {
            for (int i = 0; i < kEach; ++i) {
                auto done = m_trail->record(
                    audit::Record{fmt::format("worker-{}", t), "inst-2", "192.0.2.2", "read",
                                  fmt::format("case-{}-{}", t, i), "identity", "concurrency"});
                EXPECT_TRUE(done) << done.error().detail;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    auto report = verify();
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_EQ(report.entries, 6 + kThreads * kEach);
    auto entries = store().audit_entries(6, 1000, "").value();
    std::set<std::string> cases;
    for (const auto& e : entries)
        cases.insert(e.case_id);
    EXPECT_EQ(cases.size(), static_cast<std::size_t>(kThreads * kEach));
    // The head of the day names the last entry.
    auto heads = store().audit_day_heads().value();
    ASSERT_FALSE(heads.empty());
    EXPECT_EQ(heads.back().seq, 6 + kThreads * kEach);
}

TEST_P(AuditChainTest, EntriesRecordedTogetherAreStoredTogetherInOrder) {
    std::vector<audit::Record> reads;
    for (int i = 0; i < 3; ++i) {
        reads.push_back(audit::Record{"lister", "inst-3", "192.0.2.3", "read",
                                      fmt::format("listed-{}", i), "identity", "list cases"});
    }
    ASSERT_TRUE(m_trail->record_all(reads));
    ASSERT_TRUE(m_trail->record_all({}));
    auto entries = store().audit_entries(6, 100, "").value();
    ASSERT_EQ(entries.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(entries[i].seq, 7 + i);
        EXPECT_EQ(entries[i].case_id, fmt::format("listed-{}", i));
        EXPECT_EQ(entries[i].recorded_at, entries[0].recorded_at);
    }
    EXPECT_TRUE(verify().intact);
}

TEST_P(AuditChainTest, TheAppendOnlyTriggersRefuseChanges) {
    if (GetParam() == Backend::Sqlite) {
        auto db = sqlite::Connection::open(m_backing.dir.path() / "retorno.db",
                                           sqlite::Durability::Normal)
                      .value();
        EXPECT_FALSE(db->execute("UPDATE audit_log SET reason = 'x' WHERE seq = 2"));
        EXPECT_FALSE(db->execute("DELETE FROM audit_log WHERE seq = 2"));
    } else {
        EXPECT_ANY_THROW(
            m_backing.database->execute("UPDATE audit_log SET reason = 'x' WHERE seq = 2"));
        EXPECT_ANY_THROW(m_backing.database->execute("DELETE FROM audit_log WHERE seq = 2"));
    }
    EXPECT_TRUE(verify().intact);
}

TEST_P(AuditChainTest, AnEditedEntryIsNamed) {
    tamper("UPDATE audit_log SET actor_user = 'someone-else' WHERE seq = 3");
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 3) << report.problem;
    EXPECT_NE(report.problem.find("changed"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ARemovedEntryIsNamed) {
    tamper("DELETE FROM audit_log WHERE seq = 4");
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 4) << report.problem;
    EXPECT_NE(report.problem.find("missing"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, ARemovedLastEntryIsCaughtByTheSignedHead) {
    tamper("DELETE FROM audit_log WHERE seq = 6");
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 6) << report.problem;
}

TEST_P(AuditChainTest, ReorderedEntriesAreNamed) {
    // Swap the contents of entries 2 and 3, keeping their numbers.
    auto entries = store().audit_entries(0, 10, "").value();
    AuditEntry second = entries[1];
    AuditEntry third = entries[2];
    std::swap(second.seq, third.seq);
    tamper("DELETE FROM audit_log WHERE seq IN (2, 3)");
    tamper(
        "INSERT INTO audit_log (seq, recorded_at, actor_user, actor_institution, address, action, "
        "case_id, categories, reason, previous_hash, hash) VALUES " +
        entry_values(third) + ", " + entry_values(second));
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 2) << report.problem;
}

TEST_P(AuditChainTest, AnInsertedEntryIsCaught) {
    // A forged entry with a correct hash put between 2 and 3; the later entries move up by one.
    auto entries = store().audit_entries(0, 10, "").value();
    AuditEntry forged = entries[1];
    forged.seq = 3;
    forged.actor_user = "forger";
    forged.previous_hash = entries[1].hash;
    forged.hash = audit::entry_hash(forged);
    tamper("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3");
    tamper("UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000");
    tamper(
        "INSERT INTO audit_log (seq, recorded_at, actor_user, actor_institution, address, action, "
        "case_id, categories, reason, previous_hash, hash) VALUES " +
        entry_values(forged));
    auto report = verify();
    EXPECT_FALSE(report.intact);
    // Entry 4 (the old 3) no longer follows the entry before it.
    EXPECT_EQ(report.first_broken_seq, 4) << report.problem;
}

TEST_P(AuditChainTest, ARechainedForgeryIsCaughtByTheSignedHeads) {
    // The forger edits entry 2 and recomputes every hash after it, so the chain itself is
    // consistent again; only the signed day heads still hold the old hashes.
    auto entries = store().audit_entries(0, 10, "").value();
    entries[1].actor_user = "forger";
    std::string previous = entries[0].hash;
    for (std::size_t i = 1; i < entries.size(); ++i) {
        entries[i].previous_hash = previous;
        entries[i].hash = audit::entry_hash(entries[i]);
        previous = entries[i].hash;
    }
    tamper("DELETE FROM audit_log WHERE seq >= 2");
    std::string values;
    for (std::size_t i = 1; i < entries.size(); ++i) {
        if (!values.empty())
            values += ", ";
        values += entry_values(entries[i]);
    }
    tamper(
        "INSERT INTO audit_log (seq, recorded_at, actor_user, actor_institution, address, action, "
        "case_id, categories, reason, previous_hash, hash) VALUES " +
        values);
    auto report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_NE(report.problem.find("signed head"), std::string::npos) << report.problem;

    // Moving the heads to the new hashes without the key leaves signatures that do not verify.
    const auto heads = store().audit_day_heads().value();
    for (const auto& head : heads) {
        tamper(fmt::format("UPDATE audit_day_heads SET hash = '{}' WHERE day = '{}'",
                           entries[static_cast<std::size_t>(head.seq - 1)].hash, head.day));
    }
    report = verify();
    EXPECT_FALSE(report.intact);
    EXPECT_NE(report.problem.find("signature"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, TheKeyFileIsOwnerOnly) {
    auto key_file = m_backing.dir.path() / "keys" / audit::kAuditKeyFile;
    auto perms = std::filesystem::status(key_file).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    // Creating it again keeps the existing key.
    ASSERT_TRUE(audit::create_signing_key(key_file));
    EXPECT_EQ(audit::load_signing_key(key_file).value().public_hex, m_key.public_hex);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
