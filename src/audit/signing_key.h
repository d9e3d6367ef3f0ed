#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "domain/audit_entry.h"

namespace retorno::audit {

// The Ed25519 key that signs each day's head of the audit trail. It lives in a file outside the
// database (DATA/keys/audit-ed25519.key, owner-only), so that someone who can change the
// database cannot also re-sign a forged chain.
struct SigningKey {
    std::string secret_hex;  // libsodium's 64-byte secret key, hex
    std::string public_hex;  // 32 bytes, hex
};

inline constexpr const char* kAuditKeyFile = "audit-ed25519.key";

// Creates the key file with mode 0600 (and its folder with 0700) unless it exists.
Status create_signing_key(const std::filesystem::path& file);
Result<SigningKey> load_signing_key(const std::filesystem::path& file);

// The text a day head's signature covers: "retorno-audit-head DAY SEQ HASH".
std::string head_text(const AuditDayHead& head);
std::string sign_head(const AuditDayHead& head, const SigningKey& key);

enum class Signature { Valid, Invalid };
Signature verify_head(const AuditDayHead& head, const std::string& public_hex);

}  // namespace retorno::audit
