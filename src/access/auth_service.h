#pragma once

#include <chrono>
#include <string>

#include "audit/audit_trail.h"
#include "core/error.h"
#include "core/time.h"
#include "service/actor.h"
#include "store/store.h"

namespace retorno::access {

// The rules of sign-in. Defaults suit an office network; tests shorten nothing, they move a
// fixed clock instead.
struct SignInRules {
    std::chrono::minutes idle_expiry{30};
    std::chrono::hours absolute_expiry{12};
    // Failed sign-ins are counted per account and per address within this window.
    std::chrono::seconds failure_window{std::chrono::minutes(15)};
    // From this many failures on, each further attempt must wait 2^(n - slow_after) seconds
    // after the last failure (capped), or it is refused without looking at the password.
    int slow_after = 3;
    std::chrono::seconds max_delay{60};
    // At this many failures the account (or the address) is locked until the window has passed
    // since its last failure.
    int lock_account_after = 10;
    int lock_address_after = 50;
};

struct SignInRequest {
    std::string username;
    std::string password;
    std::string totp;
    std::string address;
};

struct SignedIn {
    std::string token;  // shown once; only its hash is stored
    Timestamp expires_at;
    Id session_id;
    std::string language;  // the user's language ("es", "en"), for the pages from now on
};

// Sign-in, sessions and sign-out. Every refusal of a credential is the same Unauthenticated
// error with the same message, whether the user does not exist, the password or the code is
// wrong, the account is disabled, slowed down or locked: an attacker learns nothing from it.
// Each refusal leaves an audit entry that records the true reason.
class AuthService {
  public:
    AuthService(Store& store, const Clock& clock, audit::AuditTrail& audit, SignInRules rules = {})
        : m_store(store), m_clock(clock), m_audit(audit), m_rules(rules) {}

    Result<SignedIn> sign_in(const SignInRequest& request);

    // The actor of a bearer token, or Unauthenticated. Extends the idle expiry.
    Result<Actor> authenticate(std::string_view token, const std::string& address);

    Status sign_out(const Actor& actor);
    // Revokes every session of the actor's user, this one included.
    Result<int> sign_out_everywhere(const Actor& actor);

    // Changes the actor's own password after checking the current one (a wrong one is an
    // InvalidInput on the field `current_password`, a weak new one on `new_password`). Every
    // session of the user, this one included, is closed: they sign in again with the new one.
    Status change_password(const Actor& actor, std::string_view current,
                           std::string_view replacement);

    // The actor's own language for the pages: "es" or "en" (InvalidInput on `language`
    // otherwise). Kept with the user, it applies from their next sign-in on, on any computer.
    Status set_language(const Actor& actor, std::string_view language);
    // The actor's own language ("es" when it cannot be read).
    Result<std::string> language(const Actor& actor);

    const SignInRules& rules() const { return m_rules; }

    // Records a sign-in whose body could not even be read as credentials (not JSON, too deep,
    // a string too long, an unknown field), as a refused sign-in with that reason.
    void record_unreadable_sign_in(const std::string& address, const std::string& why);

  private:
    Error refused(const SignInRequest& request, const std::string& why);
    Status count_failure(const SignInRequest& request, bool count_account);

    Store& m_store;
    const Clock& m_clock;
    audit::AuditTrail& m_audit;
    SignInRules m_rules;
};

// The one answer to every refused credential.
Error bad_credentials();
// The one answer to a missing, malformed, unknown, expired or revoked token.
Error not_signed_in();

}  // namespace retorno::access
