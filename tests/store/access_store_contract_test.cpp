// The store contract for sessions, sign-in counters, second factors, shares and the audit trail
// (migration 2), run on both backends.

#include <gtest/gtest.h>

#include <thread>

#include "store/store_backends.h"

namespace retorno::testing {
namespace {

Timestamp at(const char* text) {
    return parse_timestamp(text).value();
}

class AccessStoreContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override { RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam()); }
    Store& store() { return *m_backing.store; }

    Session make_session(const Id& user, const std::string& hash) {
        Session s;
        s.id = Id::generate();
        s.token_hash = hash;
        s.user_id = user;
        s.created_at = at("2026-05-01T10:00:00.000Z");
        s.last_seen_at = s.created_at;
        s.expires_at = at("2026-05-01T22:00:00.000Z");
        s.address = "192.0.2.7";
        return s;
    }

    StoreUnderTest m_backing;
};

TEST_P(AccessStoreContract, SessionsAreFoundByTokenHashTouchedAndRevoked) {
    Id user = Id::generate();
    Session s = make_session(user, std::string(64, 'a'));
    ASSERT_TRUE(store().put_session(s));
    auto found = store().find_session(s.token_hash).value();
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, s.id);
    EXPECT_EQ(found->user_id, user);
    EXPECT_EQ(found->expires_at, s.expires_at);
    EXPECT_EQ(found->address, "192.0.2.7");
    EXPECT_FALSE(found->revoked_at.has_value());
    EXPECT_FALSE(store().find_session(std::string(64, 'b')).value().has_value());

    ASSERT_TRUE(store().touch_session(s.id, at("2026-05-01T11:00:00.000Z")));
    // A touch that arrives late never moves the time backwards.
    ASSERT_TRUE(store().touch_session(s.id, at("2026-05-01T10:30:00.000Z")));
    EXPECT_EQ(store().find_session(s.token_hash).value()->last_seen_at,
              at("2026-05-01T11:00:00.000Z"));

    ASSERT_TRUE(store().revoke_session(s.id, at("2026-05-01T12:00:00.000Z")));
    EXPECT_EQ(store().find_session(s.token_hash).value()->revoked_at,
              at("2026-05-01T12:00:00.000Z"));
}

TEST_P(AccessStoreContract, ASessionIsFoundWithItsUserAndInstitutionInOneLookup) {
    Institution ministry{
        Id::generate(), "GT", "ChildProtectionAuthority", "Ministerio de prueba", {}};
    Institution shelter{Id::generate(), "GT", "Shelter", "Albergue de prueba", ministry.id};
    ASSERT_TRUE(store().put_institution(ministry));
    ASSERT_TRUE(store().put_institution(shelter));
    User user;
    user.id = Id::generate();
    user.username = "gt.albergue.prueba";
    user.display_name = "Usuaria de prueba";
    user.institution_id = shelter.id;
    user.roles = {Role::Caseworker, Role::Psychologist};
    user.password_hash = "not a real hash";
    user.language = "en";
    ASSERT_TRUE(store().put_user(user));
    Session s = make_session(user.id, std::string(64, 'c'));
    ASSERT_TRUE(store().put_session(s));

    auto found = store().find_session_with_user(s.token_hash).value();
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->session.id, s.id);
    EXPECT_EQ(found->session.token_hash, s.token_hash);
    EXPECT_EQ(found->session.last_seen_at, s.last_seen_at);
    EXPECT_EQ(found->session.expires_at, s.expires_at);
    EXPECT_EQ(found->session.address, "192.0.2.7");
    EXPECT_FALSE(found->session.revoked_at.has_value());
    ASSERT_TRUE(found->user.has_value());
    EXPECT_EQ(found->user->id, user.id);
    EXPECT_EQ(found->user->username, "gt.albergue.prueba");
    EXPECT_EQ(found->user->display_name, "Usuaria de prueba");
    EXPECT_EQ(found->user->institution_id, shelter.id);
    EXPECT_EQ(found->user->roles, user.roles);
    EXPECT_EQ(found->user->password_hash, "not a real hash");
    EXPECT_FALSE(found->user->disabled);
    EXPECT_EQ(found->user->language, "en");
    ASSERT_TRUE(found->institution.has_value());
    EXPECT_EQ(found->institution->id, shelter.id);
    EXPECT_EQ(found->institution->country, "GT");
    EXPECT_EQ(found->institution->type, "Shelter");
    EXPECT_EQ(found->institution->name, "Albergue de prueba");
    EXPECT_EQ(found->institution->parent, ministry.id);

    // A revoked session and a disabled user are found as they are: refusing them is the
    // caller's decision (AuthService).
    ASSERT_TRUE(store().revoke_session(s.id, at("2026-05-01T12:00:00.000Z")));
    ASSERT_TRUE(store().disable_user(user.id));
    found = store().find_session_with_user(s.token_hash).value();
    ASSERT_TRUE(found.has_value() && found->user.has_value());
    EXPECT_EQ(found->session.revoked_at, at("2026-05-01T12:00:00.000Z"));
    EXPECT_TRUE(found->user->disabled);

    // A session whose user no longer exists comes without a user or an institution.
    Session orphan = make_session(Id::generate(), std::string(64, 'd'));
    ASSERT_TRUE(store().put_session(orphan));
    found = store().find_session_with_user(orphan.token_hash).value();
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->session.id, orphan.id);
    EXPECT_FALSE(found->user.has_value());
    EXPECT_FALSE(found->institution.has_value());

    EXPECT_FALSE(store().find_session_with_user(std::string(64, 'e')).value().has_value());
}

TEST_P(AccessStoreContract, SignOutEverywhereRevokesOnlyThatUsersLiveSessions) {
    Id user = Id::generate();
    Id other = Id::generate();
    ASSERT_TRUE(store().put_session(make_session(user, std::string(64, '1'))));
    ASSERT_TRUE(store().put_session(make_session(user, std::string(64, '2'))));
    ASSERT_TRUE(store().put_session(make_session(other, std::string(64, '3'))));
    EXPECT_EQ(store().revoke_user_sessions(user, at("2026-05-01T12:00:00.000Z")).value(), 2);
    EXPECT_EQ(store().revoke_user_sessions(user, at("2026-05-01T13:00:00.000Z")).value(), 0);
    EXPECT_TRUE(store().find_session(std::string(64, '1')).value()->revoked_at.has_value());
    EXPECT_TRUE(store().find_session(std::string(64, '2')).value()->revoked_at.has_value());
    EXPECT_FALSE(store().find_session(std::string(64, '3')).value()->revoked_at.has_value());
}

TEST_P(AccessStoreContract, SignInFailuresCountWithinTheWindowAndStartAgainAfterIt) {
    const std::chrono::seconds window{900};
    EXPECT_FALSE(store().sign_in_failures("user:ana").value().has_value());
    EXPECT_EQ(store()
                  .record_sign_in_failure("user:ana", at("2026-05-01T10:00:00.000Z"), window)
                  ->failures,
              1);
    EXPECT_EQ(store()
                  .record_sign_in_failure("user:ana", at("2026-05-01T10:05:00.000Z"), window)
                  ->failures,
              2);
    auto third =
        store().record_sign_in_failure("user:ana", at("2026-05-01T10:10:00.000Z"), window).value();
    EXPECT_EQ(third.failures, 3);
    EXPECT_EQ(third.first_failed_at, at("2026-05-01T10:00:00.000Z"));
    EXPECT_EQ(third.last_failed_at, at("2026-05-01T10:10:00.000Z"));
    // Another key is counted apart.
    EXPECT_EQ(
        store()
            .record_sign_in_failure("address:192.0.2.7", at("2026-05-01T10:10:00.000Z"), window)
            ->failures,
        1);
    // More than the window after the last failure, counting starts again.
    auto later =
        store().record_sign_in_failure("user:ana", at("2026-05-01T11:00:00.000Z"), window).value();
    EXPECT_EQ(later.failures, 1);
    EXPECT_EQ(later.first_failed_at, at("2026-05-01T11:00:00.000Z"));
    ASSERT_TRUE(store().clear_sign_in_failures("user:ana"));
    EXPECT_FALSE(store().sign_in_failures("user:ana").value().has_value());
    EXPECT_EQ(store().sign_in_failures("address:192.0.2.7").value()->failures, 1);
}

TEST_P(AccessStoreContract, ConcurrentFailuresAreAllCounted) {
    constexpr int kThreads = 4;
    constexpr int kEach = 5;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                EXPECT_TRUE(
                    store().record_sign_in_failure("user:x", now_utc(), std::chrono::hours(1)));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(store().sign_in_failures("user:x").value()->failures, kThreads * kEach);
}

TEST_P(AccessStoreContract, SecondFactorSettings) {
    Id institution = Id::generate();
    Id user = Id::generate();
    EXPECT_FALSE(store().totp_required(institution).value());
    ASSERT_TRUE(store().set_totp_required(institution, true));
    EXPECT_TRUE(store().totp_required(institution).value());
    ASSERT_TRUE(store().set_totp_required(institution, false));
    EXPECT_FALSE(store().totp_required(institution).value());
    EXPECT_FALSE(store().user_totp_secret(user).value().has_value());
    ASSERT_TRUE(store().set_user_totp_secret(user, "JBSWY3DPEHPK3PXP"));
    EXPECT_EQ(store().user_totp_secret(user).value(),
              std::optional<std::string>("JBSWY3DPEHPK3PXP"));
}

TEST_P(AccessStoreContract, SharesAreListedPerCase) {
    CaseShare share;
    share.id = Id::generate();
    share.case_id = Id::generate();
    share.institution_id = Id::generate();
    share.purpose = "family assessment";
    share.legal_basis = "consent of the guardian";
    share.categories = {"identity", "whereabouts"};
    share.shared_by_user = "u1";
    share.shared_by_institution = "i1";
    share.shared_at = at("2026-05-01T10:00:00.000Z");
    ASSERT_TRUE(store().put_case_share(share));
    auto shares = store().case_shares(share.case_id).value();
    ASSERT_EQ(shares.size(), 1u);
    EXPECT_EQ(shares[0].institution_id, share.institution_id);
    EXPECT_EQ(shares[0].categories, share.categories);
    EXPECT_EQ(shares[0].legal_basis, share.legal_basis);
    EXPECT_EQ(shares[0].shared_at, share.shared_at);
    EXPECT_TRUE(store().case_shares(Id::generate()).value().empty());
}

TEST_P(AccessStoreContract, AuditEntriesAreNumberedAndChainedEvenUnderConcurrency) {
    auto seal = [](const AuditEntry& e) {
        return fmt::format("h{}<{}", e.seq, e.previous_hash.size());
    };
    constexpr int kThreads = 4;
    constexpr int kEach = 5;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            // Each thread appends its entries in batches of one and two.
            std::vector<AuditEntry> batch;
            for (int i = 0; i < kEach; ++i) {
                AuditEntry e;
                e.recorded_at = "2026-05-01T10:00:00.000Z";
                e.actor_user = fmt::format("u{}", t);
                e.action = "read";
                e.case_id = t % 2 == 0 ? "case-even" : "case-odd";
                batch.push_back(e);
                if (batch.size() == static_cast<std::size_t>(1 + i % 2) || i + 1 == kEach) {
                    auto stored = store().append_audit(batch, seal, {});
                    EXPECT_TRUE(stored);
                    if (stored) {
                        EXPECT_EQ(stored->size(), batch.size());
                    }
                    batch.clear();
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    auto all = store().audit_entries(0, 1000, "").value();
    ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(all[i].previous_hash, i == 0 ? std::string() : all[i - 1].hash);
    }
    auto even = store().audit_entries(0, 1000, "case-even").value();
    EXPECT_EQ(even.size(), static_cast<std::size_t>(2 * kEach));
    auto page = store().audit_entries(5, 3, "").value();
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(page[0].seq, 6);

    ASSERT_TRUE(store().put_audit_day_head(AuditDayHead{"2026-05-01", 20, "abc", "sig"}));
    ASSERT_TRUE(store().put_audit_day_head(AuditDayHead{"2026-05-01", 21, "def", "sig2"}));
    auto heads = store().audit_day_heads().value();
    ASSERT_EQ(heads.size(), 1u);
    EXPECT_EQ(heads[0].seq, 21);
    EXPECT_EQ(heads[0].hash, "def");
}

TEST_P(AccessStoreContract, ABatchSignsTheHeadOfEachDayItReachesInTheSameAppend) {
    auto seal = [](const AuditEntry& e) { return fmt::format("h{}", e.seq); };
    int signed_heads = 0;
    auto sign = [&](const AuditDayHead& head) {
        ++signed_heads;
        return fmt::format("signed {} {} {}", head.day, head.seq, head.hash);
    };
    std::vector<AuditEntry> batch(4);
    batch[0].recorded_at = "2026-05-01T23:59:58.000Z";
    batch[1].recorded_at = "2026-05-01T23:59:59.000Z";
    batch[2].recorded_at = "2026-05-02T00:00:00.000Z";
    batch[3].recorded_at = "2026-05-02T00:00:01.000Z";
    for (auto& e : batch)
        e.action = "read";
    auto stored = store().append_audit(batch, seal, sign).value();
    ASSERT_EQ(stored.size(), 4u);
    EXPECT_EQ(stored[3].seq, 4);
    EXPECT_EQ(stored[3].previous_hash, "h3");
    EXPECT_EQ(signed_heads, 2);
    auto heads = store().audit_day_heads().value();
    ASSERT_EQ(heads.size(), 2u);
    EXPECT_EQ(heads[0].day, "2026-05-01");
    EXPECT_EQ(heads[0].seq, 2);
    EXPECT_EQ(heads[0].signature, "signed 2026-05-01 2 h2");
    EXPECT_EQ(heads[1].day, "2026-05-02");
    EXPECT_EQ(heads[1].seq, 4);
    EXPECT_EQ(heads[1].hash, "h4");

    // Without a signer, entries are chained on and no head moves.
    auto more = store().append_audit(std::vector<AuditEntry>(1, batch[3]), seal, {}).value();
    EXPECT_EQ(more[0].seq, 5);
    EXPECT_EQ(store().audit_day_heads().value()[1].seq, 4);
}

TEST_P(AccessStoreContract, TheEntriesOfACaseAreFoundAcrossHoursAndPagedInChainOrder) {
    auto seal = [](const AuditEntry& e) { return fmt::format("h{}", e.seq); };
    // Batches as the trail commits them: cases A and B, entries of no case between them, in
    // hours 10, 11 and 13 (none in 12), and an hour that changes inside a batch.
    const std::vector<std::vector<std::pair<std::string, std::string>>> batches = {
        {{"10:00:00.000", "A"}, {"10:00:00.000", "B"}, {"10:00:00.001", "A"}},
        {{"10:59:59.999", ""}, {"10:59:59.999", "B"}, {"11:00:00.000", "A"}},
        {{"11:00:00.000", "A"}, {"11:30:00.000", "B"}},
        {{"13:15:00.000", "B"}, {"13:15:00.000", ""}, {"13:59:59.999", "A"}},
    };
    for (const auto& batch : batches) {
        std::vector<AuditEntry> entries;
        for (const auto& [time, case_id] : batch) {
            AuditEntry e;
            e.recorded_at = "2026-05-01T" + time + "Z";
            e.action = case_id.empty() ? "sign_in" : "read";
            e.case_id = case_id.empty() ? "" : "case-" + case_id;
            entries.push_back(e);
        }
        ASSERT_TRUE(store().append_audit(entries, seal, {}));
    }
    const auto all = store().audit_entries(0, 1000, "").value();
    ASSERT_EQ(all.size(), 11u);
    for (const std::string case_id : {"case-A", "case-B"}) {
        std::vector<std::int64_t> expected;
        for (const auto& entry : all) {
            if (entry.case_id == case_id)
                expected.push_back(entry.seq);
        }
        EXPECT_EQ(audit_seqs(store(), case_id), expected) << case_id;
        // The latest entries, the latest first, as many as asked for.
        for (int limit = 1; limit <= 7; ++limit) {
            std::vector<std::int64_t> latest(expected.rbegin(), expected.rend());
            latest.resize(std::min(latest.size(), static_cast<std::size_t>(limit)));
            EXPECT_EQ(latest_audit_seqs(store(), case_id, limit), latest)
                << case_id << " limit " << limit;
        }
        // Page by page, from every place in the chain, with pages of every size.
        for (int limit = 1; limit <= 3; ++limit) {
            for (std::int64_t after = 0; after <= 11; ++after) {
                std::vector<std::int64_t> paged;
                std::int64_t from = after;
                for (;;) {
                    auto page = store().audit_entries(from, limit, case_id).value();
                    ASSERT_LE(page.size(), static_cast<std::size_t>(limit));
                    if (page.empty())
                        break;
                    for (const auto& entry : page)
                        paged.push_back(entry.seq);
                    from = page.back().seq;
                }
                std::vector<std::int64_t> rest;
                for (auto seq : expected) {
                    if (seq > after)
                        rest.push_back(seq);
                }
                EXPECT_EQ(paged, rest) << case_id << " after " << after << " limit " << limit;
            }
        }
    }
    EXPECT_EQ(audit_seqs(store(), "case-A"), (std::vector<std::int64_t>{1, 3, 6, 7, 11}));
    EXPECT_TRUE(store().audit_entries(0, 1000, "case-C").value().empty());
    EXPECT_EQ(latest_audit_seqs(store(), "case-A", 3), (std::vector<std::int64_t>{11, 7, 6}));
    EXPECT_TRUE(store().latest_audit_entries("case-C", 10).value().empty());
    EXPECT_TRUE(store().latest_audit_entries("case-A", 0).value().empty());
}

TEST_P(AccessStoreContract, AnAuditTimeNeverGoesBackwardsAlongTheChain) {
    auto seal = [](const AuditEntry& e) { return fmt::format("h{} {}", e.seq, e.recorded_at); };
    auto entry_at = [](const char* time, const char* case_id) {
        AuditEntry e;
        e.recorded_at = time;
        e.action = "read";
        e.case_id = case_id;
        return e;
    };
    ASSERT_TRUE(store().append_audit({entry_at("2026-05-01T11:00:00.000Z", "case-A")}, seal, {}));
    // A clock stepped back an hour, then forward, then back a little inside one batch.
    auto stored = store()
                      .append_audit({entry_at("2026-05-01T10:30:00.000Z", "case-A"),
                                     entry_at("2026-05-01T11:30:00.000Z", "case-A"),
                                     entry_at("2026-05-01T11:10:00.000Z", "case-B")},
                                    seal, {})
                      .value();
    ASSERT_EQ(stored.size(), 3u);
    EXPECT_EQ(stored[0].recorded_at, "2026-05-01T11:00:00.000Z");
    EXPECT_EQ(stored[1].recorded_at, "2026-05-01T11:30:00.000Z");
    EXPECT_EQ(stored[2].recorded_at, "2026-05-01T11:30:00.000Z");
    // Each entry was sealed with the time it is stored with.
    const auto all = store().audit_entries(0, 100, "").value();
    ASSERT_EQ(all.size(), 4u);
    for (const auto& entry : all) {
        EXPECT_EQ(entry.hash, seal(entry));
    }
    EXPECT_EQ(all[1].recorded_at, "2026-05-01T11:00:00.000Z");
    EXPECT_EQ(audit_seqs(store(), "case-A"), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(audit_seqs(store(), "case-B"), (std::vector<std::int64_t>{4}));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessStoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
