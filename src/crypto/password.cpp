#include "crypto/password.h"

#include <sodium.h>

namespace retorno {

Result<std::string> hash_password(std::string_view password) {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(Error::internal("Argon2id ran out of memory"));
    }
    return std::string(out);
}

PasswordMatch verify_password(const std::string& encoded_hash, std::string_view password) {
    if (encoded_hash.empty())
        return PasswordMatch::No;
    return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0
               ? PasswordMatch::Yes
               : PasswordMatch::No;
}

Status check_password_strength(std::string_view password) {
    if (password.size() < 12) {
        return fail(Error::invalid("/password", "A password must have at least 12 characters."));
    }
    if (password.size() > 256) {
        return fail(Error::invalid("/password", "A password may have at most 256 bytes."));
    }
    return {};
}

}  // namespace retorno
