#include "access/auth_service.h"

#include <algorithm>

#include "access/token.h"
#include "crypto/password.h"
#include "crypto/totp.h"

namespace retorno::access {

namespace {

constexpr std::size_t kMaxUsername = 128;
constexpr std::size_t kMaxPassword = 1024;
constexpr std::size_t kMaxTotp = 16;

// A user that does not exist still costs one Argon2id verification, so that the time of the
// answer does not tell which user names exist.
const std::string& decoy_hash() {
    static const std::string hash =
        hash_password("decoy password that matches nothing").value_or("");
    return hash;
}

std::string account_key(const std::string& username) {
    return "user:" + username;
}
std::string address_key(const std::string& address) {
    return "address:" + address;
}

bool within(Timestamp last, std::chrono::seconds window, Timestamp now) {
    return last + window >= now;
}

}  // namespace

Error bad_credentials() {
    return Error::make(ErrorCode::Unauthenticated,
                       "The user name, password or code is not right, or sign-in is not possible "
                       "for this account now. Try again later or ask your administrator.");
}

Error not_signed_in() {
    return Error::make(ErrorCode::Unauthenticated,
                       "Sign in first: send Authorization: Bearer with the token of a session "
                       "that has not expired or been closed.");
}

Error AuthService::refused(const SignInRequest& request, const std::string& why) {
    // The audit entry keeps the true reason; the caller gets the one answer for all reasons.
    // The user name may be anything an attacker typed, so only a bounded prefix is kept.
    (void)m_audit.record(audit::Record{request.username.substr(0, kMaxUsername), "",
                                       request.address, "sign_in_refused", "", "", why});
    return bad_credentials();
}

void AuthService::record_unreadable_sign_in(const std::string& address, const std::string& why) {
    (void)m_audit.record(
        audit::Record{"", "", address, "sign_in_refused", "", "", "unreadable request: " + why});
}

Status AuthService::count_failure(const SignInRequest& request, bool count_account) {
    auto now = m_clock.now();
    TRY(m_store.record_sign_in_failure(address_key(request.address), now, m_rules.failure_window));
    if (count_account) {
        TRY(m_store.record_sign_in_failure(account_key(request.username), now,
                                           m_rules.failure_window));
    }
    return {};
}

Result<SignedIn> AuthService::sign_in(const SignInRequest& request) {
    const auto now = m_clock.now();
    if (request.username.empty() || request.username.size() > kMaxUsername ||
        request.password.empty() || request.password.size() > kMaxPassword ||
        request.totp.size() > kMaxTotp) {
        TRY_STATUS(count_failure(request, false));
        return fail(refused(request, "malformed or oversized credentials"));
    }
    if (auto by_address = TRY(m_store.sign_in_failures(address_key(request.address)))) {
        if (by_address->failures >= m_rules.lock_address_after &&
            within(by_address->last_failed_at, m_rules.failure_window, now)) {
            return fail(refused(request, "address locked"));
        }
    }
    if (auto by_account = TRY(m_store.sign_in_failures(account_key(request.username)))) {
        if (within(by_account->last_failed_at, m_rules.failure_window, now)) {
            if (by_account->failures >= m_rules.lock_account_after) {
                TRY_STATUS(count_failure(request, false));
                return fail(refused(request, "account locked"));
            }
            if (by_account->failures >= m_rules.slow_after) {
                int exponent = std::min(by_account->failures - m_rules.slow_after, 16);
                auto delay = std::min(std::chrono::seconds(1LL << exponent), m_rules.max_delay);
                if (now < by_account->last_failed_at + delay) {
                    TRY_STATUS(count_failure(request, false));
                    return fail(refused(request, "attempt too soon after a failure"));
                }
            }
        }
    }
    auto user = TRY(m_store.find_user_by_name(request.username));
    if (!user) {
        (void)verify_password(decoy_hash(), request.password);
        TRY_STATUS(count_failure(request, true));
        return fail(refused(request, "no such user"));
    }
    if (verify_password(user->password_hash, request.password) != PasswordMatch::Yes) {
        TRY_STATUS(count_failure(request, true));
        return fail(refused(request, "wrong password"));
    }
    if (user->disabled) {
        TRY_STATUS(count_failure(request, true));
        return fail(refused(request, "account disabled"));
    }
    auto secret = TRY(m_store.user_totp_secret(user->id));
    bool required = TRY(m_store.totp_required(user->institution_id));
    if (required && !secret) {
        TRY_STATUS(count_failure(request, true));
        return fail(refused(request, "second factor required but not enrolled"));
    }
    if (secret) {
        auto step = totp_step_of(*secret, request.totp, now);
        if (!step) {
            TRY_STATUS(count_failure(request, true));
            return fail(refused(request, "wrong or missing code"));
        }
        if (!TRY(m_store.claim_totp_step(user->id, *step))) {
            TRY_STATUS(count_failure(request, true));
            return fail(refused(request, "code already used"));
        }
    }
    TRY_STATUS(m_store.clear_sign_in_failures(account_key(request.username)));

    SignedIn out;
    out.language = user->language;
    out.token = TRY(new_session_token());
    Session session;
    session.id = Id::generate(now);
    session.token_hash = token_hash(out.token);
    session.user_id = user->id;
    session.created_at = now;
    session.last_seen_at = now;
    session.expires_at =
        now + std::chrono::duration_cast<std::chrono::milliseconds>(m_rules.absolute_expiry);
    session.address = request.address;
    TRY_STATUS(m_store.put_session(session));
    TRY_STATUS(m_audit.record(audit::Record{user->id.to_string(), user->institution_id.to_string(),
                                            request.address, "sign_in", "", "", ""}));
    out.expires_at = session.expires_at;
    out.session_id = session.id;
    return out;
}

Result<Actor> AuthService::authenticate(std::string_view token, const std::string& address) {
    auto refuse = [&](const char* why) -> Result<Actor> {
        (void)m_audit.record(audit::Record{"", "", address, "token_refused", "", "", why});
        return fail(not_signed_in());
    };
    if (!looks_like_token(token))
        return refuse("malformed token");
    const auto now = m_clock.now();
    // One statement reads the session, its user and the institution (one round trip).
    auto found = TRY(m_store.find_session_with_user(token_hash(token)));
    if (!found)
        return refuse("unknown token");
    const Session& session = found->session;
    if (session.revoked_at)
        return refuse("revoked session");
    if (now >= session.expires_at)
        return refuse("session past its absolute expiry");
    if (now >= session.last_seen_at + m_rules.idle_expiry)
        return refuse("idle session");
    const auto& user = found->user;
    if (!user || user->disabled)
        return refuse("user missing or disabled");
    const auto& institution = found->institution;
    // Touching at most once a minute keeps reads from becoming writes; idle expiry may come up
    // to a minute early, never late.
    if (now - session.last_seen_at >= std::chrono::minutes(1)) {
        TRY_STATUS(m_store.touch_session(session.id, now));
    }
    Actor actor;
    actor.user_id = user->id.to_string();
    actor.institution_id = user->institution_id.to_string();
    actor.address = address;
    actor.roles = user->roles;
    if (institution) {
        actor.institution_country = institution->country;
        actor.institution_type = institution->type;
    }
    actor.session_id = session.id.to_string();
    return actor;
}

Status AuthService::sign_out(const Actor& actor) {
    auto id = Id::parse(actor.session_id);
    if (!id)
        return fail(not_signed_in());
    TRY_STATUS(m_store.revoke_session(*id, m_clock.now()));
    return m_audit.record(
        audit::Record{actor.user_id, actor.institution_id, actor.address, "sign_out", "", "", ""});
}

Result<int> AuthService::sign_out_everywhere(const Actor& actor) {
    auto id = Id::parse(actor.user_id);
    if (!id)
        return fail(not_signed_in());
    int revoked = TRY(m_store.revoke_user_sessions(*id, m_clock.now()));
    TRY_STATUS(m_audit.record(audit::Record{actor.user_id, actor.institution_id, actor.address,
                                            "sign_out_everywhere", "", "", ""}));
    return revoked;
}

Status AuthService::change_password(const Actor& actor, std::string_view current,
                                    std::string_view replacement) {
    auto id = Id::parse(actor.user_id);
    if (!id)
        return fail(not_signed_in());
    auto user = TRY(m_store.find_user(*id));
    if (!user || user->disabled)
        return fail(not_signed_in());
    if (current.size() > kMaxPassword ||
        verify_password(user->password_hash, current) != PasswordMatch::Yes) {
        (void)m_audit.record(audit::Record{actor.user_id, actor.institution_id, actor.address,
                                           "password_change_refused", "", "",
                                           "wrong current password"});
        return fail(Error{
            ErrorCode::InvalidInput, "The current password is not right.", {}, "current_password"});
    }
    if (auto strong = check_password_strength(replacement); !strong) {
        auto error = strong.error();
        error.field = "new_password";
        return fail(error);
    }
    auto hash = TRY(hash_password(replacement));
    TRY_STATUS(m_store.set_user_password(*id, hash));
    TRY(m_store.revoke_user_sessions(*id, m_clock.now()));
    return m_audit.record(audit::Record{actor.user_id, actor.institution_id, actor.address,
                                        "password_changed", "", "", ""});
}

Status AuthService::set_language(const Actor& actor, std::string_view language) {
    if (language != "es" && language != "en")
        return fail(Error::invalid("language", "The language must be es or en."));
    auto id = Id::parse(actor.user_id);
    if (!id)
        return fail(not_signed_in());
    auto user = TRY(m_store.find_user(*id));
    if (!user || user->disabled)
        return fail(not_signed_in());
    return m_store.set_user_language(user->id, std::string(language));
}

Result<std::string> AuthService::language(const Actor& actor) {
    auto id = Id::parse(actor.user_id);
    if (!id)
        return std::string("es");
    auto user = TRY(m_store.find_user(*id));
    return user ? user->language : std::string("es");
}

}  // namespace retorno::access
