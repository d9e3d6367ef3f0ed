#pragma once

#include <optional>
#include <string>

#include "core/id.h"
#include "core/time.h"

namespace retorno {

// A signed-in session. The bearer token itself is never stored: only its hash, so that a copy
// of the database does not let anyone act as the user.
struct Session {
    Id id;
    std::string token_hash;  // hex BLAKE2b-256 of the token
    Id user_id;
    Timestamp created_at;
    Timestamp last_seen_at;
    Timestamp expires_at;  // the absolute expiry; idle expiry is computed from last_seen_at
    std::optional<Timestamp> revoked_at;
    std::string address;  // where it was opened from, for the audit trail
};

// Failed sign-ins counted under one key: "user:NAME" or "address:IP".
struct SignInFailures {
    int failures = 0;
    Timestamp first_failed_at;
    Timestamp last_failed_at;
};

}  // namespace retorno
