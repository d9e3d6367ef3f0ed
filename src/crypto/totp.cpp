#include "crypto/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>

namespace retorno {

namespace {

// liboath must be initialised once per process before use.
bool oath_ready() {
    static const bool ready = oath_init() == OATH_OK;
    return ready;
}

std::time_t unix_seconds(Timestamp at) {
    return static_cast<std::time_t>(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

struct FreeDeleter {
    void operator()(char* p) const { std::free(p); }
};

Result<std::string> decode_secret(std::string_view base32) {
    char* raw = nullptr;
    std::size_t length = 0;
    if (oath_base32_decode(base32.data(), base32.size(), &raw, &length) != OATH_OK) {
        return fail(Error::internal("a TOTP secret is not valid base32"));
    }
    std::unique_ptr<char, FreeDeleter> owned(raw);
    return std::string(raw, length);
}

}  // namespace

Result<std::string> new_totp_secret() {
    if (!oath_ready() || sodium_init() < 0)
        return fail(Error::internal("liboath or libsodium failed to initialise"));
    char raw[20];
    randombytes_buf(raw, sizeof raw);
    char* encoded = nullptr;
    std::size_t length = 0;
    if (oath_base32_encode(raw, sizeof raw, &encoded, &length) != OATH_OK) {
        return fail(Error::internal("base32 encoding failed"));
    }
    std::unique_ptr<char, FreeDeleter> owned(encoded);
    sodium_memzero(raw, sizeof raw);
    return std::string(encoded, length);
}

Result<std::string> totp_code(std::string_view base32_secret, Timestamp at) {
    if (!oath_ready())
        return fail(Error::internal("liboath failed to initialise"));
    auto secret = TRY(decode_secret(base32_secret));
    char out[kTotpDigits + 1] = {};
    if (oath_totp_generate(secret.data(), secret.size(), unix_seconds(at), kTotpStepSeconds, 0,
                           kTotpDigits, out) != OATH_OK) {
        return fail(Error::internal("TOTP generation failed"));
    }
    return std::string(out);
}

TotpMatch verify_totp(std::string_view base32_secret, std::string_view code, Timestamp at) {
    if (!oath_ready() || code.size() != kTotpDigits)
        return TotpMatch::No;
    for (char c : code) {
        if (c < '0' || c > '9')
            return TotpMatch::No;
    }
    auto secret = decode_secret(base32_secret);
    if (!secret)
        return TotpMatch::No;
    std::string otp(code);
    int result = oath_totp_validate(secret->data(), secret->size(), unix_seconds(at),
                                    kTotpStepSeconds, 0, 1, otp.c_str());
    return result >= 0 ? TotpMatch::Yes : TotpMatch::No;
}

std::optional<std::int64_t> totp_step_of(std::string_view base32_secret, std::string_view code,
                                         Timestamp at) {
    if (verify_totp(base32_secret, code, at) != TotpMatch::Yes)
        return std::nullopt;
    const std::int64_t step = unix_seconds(at) / kTotpStepSeconds;
    for (std::int64_t offset : {0, -1, 1}) {
        auto expected =
            totp_code(base32_secret, at + std::chrono::seconds(offset * kTotpStepSeconds));
        if (expected && expected->size() == code.size() &&
            sodium_memcmp(expected->data(), code.data(), code.size()) == 0) {
            return step + offset;
        }
    }
    return std::nullopt;
}

}  // namespace retorno
