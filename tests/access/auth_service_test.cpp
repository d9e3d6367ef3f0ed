// Sign-in, sessions, lockout, expiry, revocation and TOTP, on both stores, at fixed instants.

#include <gtest/gtest.h>

#include "access/auth_service.h"
#include "access/token.h"
#include "crypto/password.h"
#include "crypto/totp.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno::testing {
namespace {

using testing::ManualClock;

using access::AuthService;
using access::SignInRequest;

constexpr const char* kPassword = "correct horse battery";

class AuthServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam());
        m_institution = Institution{Id::generate(), "GT", "ChildProtectionAuthority",
                                    "Procuraduría de prueba", std::nullopt};
        ASSERT_TRUE(store().put_institution(m_institution));
        m_user.id = Id::generate();
        m_user.username = "ana.prueba";
        m_user.display_name = "Ana Prueba";
        m_user.institution_id = m_institution.id;
        m_user.roles = {Role::Caseworker};
        m_user.password_hash = hash_password(kPassword).value();
        ASSERT_TRUE(store().put_user(m_user));
        m_audit = std::make_unique<audit::AuditTrail>(store(), m_clock);
        m_auth = std::make_unique<AuthService>(store(), m_clock, *m_audit);
    }

    Store& store() { return *m_backing.store; }
    AuthService& auth() { return *m_auth; }

    SignInRequest request(std::string password = kPassword, std::string totp = "",
                          std::string username = "ana.prueba", std::string address = "192.0.2.10") {
        return SignInRequest{std::move(username), std::move(password), std::move(totp),
                             std::move(address)};
    }

    // Whether a sign-in failed with exactly the one answer for every refused credential.
    static void expect_refused(const Result<access::SignedIn>& result) {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::Unauthenticated);
        EXPECT_EQ(result.error().message, access::bad_credentials().message);
        EXPECT_EQ(result.error().field, "");
    }

    std::vector<std::string> audit_reasons(const std::string& action) {
        std::vector<std::string> out;
        const auto entries = store().audit_entries(0, 1000, "").value();
        for (const auto& e : entries) {
            if (e.action == action)
                out.push_back(e.reason);
        }
        return out;
    }

    StoreUnderTest m_backing;
    ManualClock m_clock;
    Institution m_institution;
    User m_user;
    std::unique_ptr<audit::AuditTrail> m_audit;
    std::unique_ptr<AuthService> m_auth;
};

TEST_P(AuthServiceTest, SignInGivesATokenWhoseHashAloneIsStored) {
    auto signed_in = auth().sign_in(request());
    ASSERT_TRUE(signed_in) << signed_in.error().message;
    EXPECT_TRUE(access::looks_like_token(signed_in->token));
    EXPECT_EQ(signed_in->expires_at, m_clock.now() + std::chrono::hours(12));
    auto stored = store().find_session(access::token_hash(signed_in->token)).value();
    ASSERT_TRUE(stored.has_value());
    EXPECT_NE(stored->token_hash, signed_in->token);
    EXPECT_FALSE(store().find_session(signed_in->token).value().has_value());

    auto actor = auth().authenticate(signed_in->token, "192.0.2.10");
    ASSERT_TRUE(actor) << actor.error().message;
    EXPECT_EQ(actor->user_id, m_user.id.to_string());
    EXPECT_EQ(actor->institution_id, m_institution.id.to_string());
    EXPECT_EQ(actor->institution_country, "GT");
    EXPECT_EQ(actor->roles, std::vector<Role>{Role::Caseworker});
    EXPECT_EQ(audit_reasons("sign_in").size(), 1u);
}

TEST_P(AuthServiceTest, EveryBadCredentialGetsTheSameAnswerAndAnAuditEntry) {
    expect_refused(auth().sign_in(request("wrong password!")));
    expect_refused(auth().sign_in(request(kPassword, "", "nobody.here")));
    expect_refused(auth().sign_in(request("")));
    expect_refused(auth().sign_in(request(kPassword, "", std::string(10'000, 'a'))));
    expect_refused(auth().sign_in(request(std::string(5'000, 'p'))));
    expect_refused(auth().sign_in(request(kPassword, std::string(100, '1'))));
    m_user.disabled = true;
    ASSERT_TRUE(store().put_user(m_user));
    m_clock.advance(std::chrono::minutes(20));
    expect_refused(auth().sign_in(request()));
    auto reasons = audit_reasons("sign_in_refused");
    EXPECT_EQ(reasons,
              (std::vector<std::string>{
                  "wrong password", "no such user", "malformed or oversized credentials",
                  "malformed or oversized credentials", "malformed or oversized credentials",
                  "malformed or oversized credentials", "account disabled"}));
}

TEST_P(AuthServiceTest, FailuresSlowDownThenLockTheAccountEvenForTheRightPassword) {
    const auto& rules = auth().rules();
    for (int i = 0; i < rules.slow_after; ++i)
        expect_refused(auth().sign_in(request("wrong password!")));
    // Slowed: right after the third failure even the right password is refused...
    expect_refused(auth().sign_in(request()));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "attempt too soon after a failure");
    // ...but after the delay it is accepted.
    m_clock.advance(std::chrono::seconds(1));
    ASSERT_TRUE(auth().sign_in(request()));
    // Success clears the account's counter.
    EXPECT_FALSE(store().sign_in_failures("user:ana.prueba").value().has_value());

    for (int i = 0; i < rules.lock_account_after; ++i) {
        m_clock.advance(rules.max_delay);
        expect_refused(auth().sign_in(request("wrong password!")));
    }
    m_clock.advance(rules.max_delay);
    expect_refused(auth().sign_in(request()));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "account locked");
    // The lock ends when the window has passed since the last failure.
    m_clock.advance(rules.failure_window);
    ASSERT_TRUE(auth().sign_in(request()));
}

TEST_P(AuthServiceTest, OneAddressGuessingManyAccountsIsLocked) {
    access::SignInRules rules;
    rules.lock_address_after = 5;  // fewer Argon2id runs than the default, same rule
    AuthService strict(store(), m_clock, *m_audit, rules);
    for (int i = 0; i < rules.lock_address_after; ++i) {
        expect_refused(strict.sign_in(request("wrong password!", "", "user" + std::to_string(i))));
    }
    expect_refused(strict.sign_in(request()));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "address locked");
    // Another address is not affected.
    ASSERT_TRUE(strict.sign_in(request(kPassword, "", "ana.prueba", "198.51.100.4")));
}

TEST_P(AuthServiceTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
    auto first = auth().sign_in(request()).value();
    m_clock.advance(std::chrono::minutes(29));
    ASSERT_TRUE(auth().authenticate(first.token, "a"));  // extends the idle expiry
    m_clock.advance(std::chrono::minutes(29));
    ASSERT_TRUE(auth().authenticate(first.token, "a"));
    m_clock.advance(std::chrono::minutes(30));
    auto idle = auth().authenticate(first.token, "a");
    ASSERT_FALSE(idle);
    EXPECT_EQ(idle.error().code, ErrorCode::Unauthenticated);

    auto second = auth().sign_in(request()).value();
    for (int i = 0; i < 12 * 3; ++i) {
        m_clock.advance(std::chrono::minutes(20));
        if (!auth().authenticate(second.token, "a")) {
            EXPECT_GE(m_clock.now(), second.expires_at);
            EXPECT_LT(m_clock.now(), second.expires_at + std::chrono::minutes(20));
            // Expired tokens leave an audit entry with the true reason.
            EXPECT_EQ(
                audit_reasons("token_refused"),
                (std::vector<std::string>{"idle session", "session past its absolute expiry"}));
            return;
        }
    }
    FAIL() << "the session outlived its absolute expiry";
}

TEST_P(AuthServiceTest, SignOutAndSignOutEverywhereRevoke) {
    auto a = auth().sign_in(request()).value();
    auto b = auth().sign_in(request()).value();
    auto c = auth().sign_in(request()).value();
    auto actor_a = auth().authenticate(a.token, "x").value();
    ASSERT_TRUE(auth().sign_out(actor_a));
    EXPECT_FALSE(auth().authenticate(a.token, "x"));
    EXPECT_TRUE(auth().authenticate(b.token, "x"));
    auto actor_b = auth().authenticate(b.token, "x").value();
    EXPECT_EQ(auth().sign_out_everywhere(actor_b).value(), 2);
    EXPECT_FALSE(auth().authenticate(b.token, "x"));
    EXPECT_FALSE(auth().authenticate(c.token, "x"));
}

TEST_P(AuthServiceTest, ARevocationByAnotherProcessIsSeenAtOnce) {
    // Another AuthService over another store of the same database (its own connections) stands
    // for a second server process: nothing is cached, so a sign-out through one process ends
    // the session on the other at once, and so does signing out everywhere.
    auto other_store = m_backing.open_another();
    ASSERT_TRUE(other_store) << other_store.error().message;
    audit::AuditTrail other_audit(**other_store, m_clock);
    AuthService other(**other_store, m_clock, other_audit);
    auto signed_in = auth().sign_in(request()).value();
    ASSERT_TRUE(other.authenticate(signed_in.token, "x"));
    auto actor = auth().authenticate(signed_in.token, "x").value();
    ASSERT_TRUE(auth().sign_out(actor));
    EXPECT_FALSE(other.authenticate(signed_in.token, "x"));

    auto first = auth().sign_in(request()).value();
    auto second = other.sign_in(request()).value();
    auto on_other = other.authenticate(second.token, "x").value();
    ASSERT_EQ(*other.sign_out_everywhere(on_other), 2);
    EXPECT_FALSE(auth().authenticate(first.token, "x"));
    EXPECT_FALSE(auth().authenticate(second.token, "x"));
}

TEST_P(AuthServiceTest, FailuresThroughOneProcessSlowAndLockTheAccountOnTheOther) {
    // Failed sign-ins are counted in the database, so an attacker gains nothing by spreading
    // guesses over the processes behind a load balancer.
    auto other_store = m_backing.open_another();
    ASSERT_TRUE(other_store) << other_store.error().message;
    audit::AuditTrail other_audit(**other_store, m_clock);
    AuthService other(**other_store, m_clock, other_audit);
    const auto& rules = auth().rules();
    for (int i = 0; i < rules.slow_after; ++i)
        expect_refused((i % 2 == 0 ? auth() : other).sign_in(request("wrong password!")));
    expect_refused(other.sign_in(request()));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "attempt too soon after a failure");

    for (int i = rules.slow_after; i < rules.lock_account_after; ++i) {
        m_clock.advance(rules.max_delay);
        expect_refused((i % 2 == 0 ? auth() : other).sign_in(request("wrong password!")));
    }
    m_clock.advance(rules.max_delay);
    expect_refused(auth().sign_in(request()));
    expect_refused(other.sign_in(request()));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "account locked");
    m_clock.advance(rules.failure_window);
    ASSERT_TRUE(other.sign_in(request()));
}

TEST_P(AuthServiceTest, ForgedAndMalformedTokensAreRefusedAlikeAndAudited) {
    auto good = auth().sign_in(request()).value();
    std::string forged = good.token;
    forged[0] = forged[0] == 'A' ? 'B' : 'A';
    for (const std::string& token : {forged, std::string(), std::string(43, '*'),
                                     std::string(100'000, 'a'), good.token + "x"}) {
        auto result = auth().authenticate(token, "x");
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().message, access::not_signed_in().message);
    }
    EXPECT_EQ(audit_reasons("token_refused").size(), 5u);
}

TEST_P(AuthServiceTest, AnInstitutionCanRequireTotpWithOneStepOfSkew) {
    ASSERT_TRUE(store().set_totp_required(m_institution.id, true));
    // Required but not enrolled: refused, whatever the code.
    expect_refused(auth().sign_in(request(kPassword, "123456")));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "second factor required but not enrolled");
    ASSERT_TRUE(store().clear_sign_in_failures("user:ana.prueba"));

    const std::string secret = new_totp_secret().value();
    ASSERT_TRUE(store().set_user_totp_secret(m_user.id, secret));
    const auto step = std::chrono::seconds(kTotpStepSeconds);
    auto code = [&](auto offset) { return totp_code(secret, m_clock.now() + offset).value(); };
    // Oldest first: a code of a step before the last one used is a replay (test below).
    ASSERT_TRUE(auth().sign_in(request(kPassword, code(-step))));
    ASSERT_TRUE(auth().sign_in(request(kPassword, code(step * 0))));
    ASSERT_TRUE(auth().sign_in(request(kPassword, code(step))));
    expect_refused(auth().sign_in(request(kPassword, code(3 * step))));
    m_clock.advance(std::chrono::minutes(1));
    expect_refused(auth().sign_in(request(kPassword, "")));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "wrong or missing code");
}

// A code that signed someone in is refused for the rest of its window, by every process (the
// last used step is in the database), and so is a code of an earlier step; the next step's code
// works.
TEST_P(AuthServiceTest, ATotpCodeThatSignedInIsRefusedWithinItsWindow) {
    const std::string secret = new_totp_secret().value();
    ASSERT_TRUE(store().set_user_totp_secret(m_user.id, secret));
    const auto step = std::chrono::seconds(kTotpStepSeconds);
    const std::string code = totp_code(secret, m_clock.now()).value();
    const std::string earlier = totp_code(secret, m_clock.now() - step).value();
    ASSERT_TRUE(auth().sign_in(request(kPassword, code)));

    expect_refused(auth().sign_in(request(kPassword, code)));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "code already used");
    m_clock.advance(std::chrono::seconds(20));
    AuthService other_process(store(), m_clock, *m_audit);
    expect_refused(other_process.sign_in(request(kPassword, code)));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "code already used");
    expect_refused(auth().sign_in(request(kPassword, earlier)));
    EXPECT_EQ(audit_reasons("sign_in_refused").back(), "code already used");

    m_clock.advance(step);
    ASSERT_TRUE(store().clear_sign_in_failures("user:ana.prueba"));
    auto next = auth().sign_in(request(kPassword, totp_code(secret, m_clock.now()).value()));
    EXPECT_TRUE(next) << next.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
