#include "access/token.h"

#include <sodium.h>

namespace retorno::access {

namespace {
constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenChars = 43;
}  // namespace

Result<std::string> new_session_token() {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    unsigned char raw[kTokenBytes];
    randombytes_buf(raw, sizeof raw);
    char text[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return std::string(text);
}

std::string token_hash(std::string_view token) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

bool looks_like_token(std::string_view text) {
    if (text.size() != kTokenChars)
        return false;
    for (char c : text) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

}  // namespace retorno::access
