#include "web/csrf.h"

#include <sodium.h>

namespace retorno::web {

namespace {

std::string base64url(const unsigned char* bytes, std::size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

}  // namespace

std::string csrf_token_for(std::string_view session_token) {
    static constexpr unsigned char kKey[] = "retorno page form token, v1";
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash,
                       reinterpret_cast<const unsigned char*>(session_token.data()),
                       session_token.size(), kKey, sizeof kKey - 1);
    return base64url(hash, sizeof hash);
}

bool csrf_matches(std::string_view expected, std::string_view sent) {
    if (expected.empty() || expected.size() != sent.size())
        return false;
    return sodium_memcmp(expected.data(), sent.data(), expected.size()) == 0;
}

std::string new_pre_session_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return base64url(bytes, sizeof bytes);
}

}  // namespace retorno::web
