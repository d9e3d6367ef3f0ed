#pragma once

#include <optional>
#include <string>

#include "core/id.h"
#include "core/time.h"
#include "domain/institution.h"
#include "domain/user.h"

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

// A session found by its token with the user it belongs to and that user's institution: all
// that authenticating a request reads, which the store reads in one statement (one round trip
// on PostgreSQL). The user or the institution is empty when its row no longer exists.
struct SessionWithUser {
    Session session;
    std::optional<User> user;
    std::optional<Institution> institution;
};

// Failed sign-ins counted under one key: "user:NAME" or "address:IP".
struct SignInFailures {
    int failures = 0;
    Timestamp first_failed_at;
    Timestamp last_failed_at;
};

}  // namespace retorno
