#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace retorno::access {

// A new opaque session token: 32 random bytes from libsodium, base64url without padding
// (43 characters). It means nothing by itself; only its hash is stored.
Result<std::string> new_session_token();

// The hash under which a token is stored and looked up: hex BLAKE2b-256. A token is long and
// random, so a fast hash is enough (there is nothing to guess from it).
std::string token_hash(std::string_view token);

// Whether text has the shape of a token, so that a forged or oversized one is refused before it
// reaches the database.
bool looks_like_token(std::string_view text);

}  // namespace retorno::access
