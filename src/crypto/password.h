#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace retorno {

// Argon2id (libsodium's crypto_pwhash_str), with its interactive cost. The encoded hash carries
// its own salt and parameters, so stronger parameters later do not invalidate old hashes.
Result<std::string> hash_password(std::string_view password);

enum class PasswordMatch { Yes, No };
PasswordMatch verify_password(const std::string& encoded_hash, std::string_view password);

// The rule for new passwords: at least 12 characters, at most 256 bytes.
Status check_password_strength(std::string_view password);

}  // namespace retorno
