#include "audit/signing_key.h"

#include <sodium.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "crypto/secret_file.h"

namespace retorno::audit {

namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

bool unhex(const std::string& text, unsigned char* out, std::size_t size) {
    std::size_t written = 0;
    return sodium_hex2bin(out, size, text.data(), text.size(), nullptr, &written, nullptr) == 0 &&
           written == size;
}

}  // namespace

Status create_signing_key(const std::filesystem::path& file) {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    std::error_code ec;
    if (std::filesystem::exists(file, ec))
        return {};
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    std::string text = hex(sk, sizeof sk) + "\n";
    sodium_memzero(sk, sizeof sk);
    auto written = write_secret_file(file, text, "The audit signing key");
    sodium_memzero(text.data(), text.size());
    return written;
}

Result<SigningKey> load_signing_key(const std::filesystem::path& file) {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    std::ifstream in(file);
    std::string text;
    if (!in || !(in >> text)) {
        return fail(
            Error::make(ErrorCode::Unavailable,
                        "The audit signing key is missing; run `retorno init` on this data folder.",
                        file.string()));
    }
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!unhex(text, sk, sizeof sk)) {
        return fail(Error::make(ErrorCode::Unavailable, "The audit signing key file is damaged.",
                                file.string()));
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    sodium_memzero(sk, sizeof sk);
    return SigningKey{text, hex(pk, sizeof pk)};
}

std::string head_text(const AuditDayHead& head) {
    return fmt::format("retorno-audit-head {} {} {}", head.day, head.seq, head.hash);
}

std::string sign_head(const AuditDayHead& head, const SigningKey& key) {
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!unhex(key.secret_hex, sk, sizeof sk))
        return {};
    auto text = head_text(head);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                         text.size(), sk);
    sodium_memzero(sk, sizeof sk);
    return hex(signature, sizeof signature);
}

Signature verify_head(const AuditDayHead& head, const std::string& public_hex) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char signature[crypto_sign_BYTES];
    if (!unhex(public_hex, pk, sizeof pk) || !unhex(head.signature, signature, sizeof signature)) {
        return Signature::Invalid;
    }
    auto text = head_text(head);
    return crypto_sign_verify_detached(
               signature, reinterpret_cast<const unsigned char*>(text.data()), text.size(), pk) == 0
               ? Signature::Valid
               : Signature::Invalid;
}

}  // namespace retorno::audit
