#include "crypto/field_cipher.h"

#include <sodium.h>
#include <sys/stat.h>

#include <vector>

#include <fmt/format.h>

#include "crypto/base64url.h"

namespace retorno {

namespace {

constexpr std::string_view kPrefix = "enc1:";
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

// What identifies one version of the key file: a rotation renames a new file into place, so
// the inode changes even when the modification time does not.
std::string stamp_of(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
        return {};
    return fmt::format("{}:{}:{}:{}", info.st_ino, info.st_size, info.st_mtim.tv_sec,
                       info.st_mtim.tv_nsec);
}

Error undecryptable(std::string detail) {
    return Error::internal("a sealed field cannot be decrypted: " + std::move(detail));
}

}  // namespace

FieldCipher::FieldCipher(std::filesystem::path file, Keyring keyring)
    : m_file(std::move(file)),
      m_keyring(std::move(keyring)),
      m_checked_at(std::chrono::steady_clock::now()) {
    if (!m_file.empty())
        m_file_stamp = stamp_of(m_file);
}

Result<std::shared_ptr<FieldCipher>> FieldCipher::open(const std::filesystem::path& key_file) {
    auto stamp = stamp_of(key_file);
    auto keyring = TRY(load_keyring_file(key_file));
    std::shared_ptr<FieldCipher> cipher(new FieldCipher(key_file, std::move(keyring)));
    cipher->m_file_stamp = stamp;
    return cipher;
}

std::shared_ptr<FieldCipher> FieldCipher::in_memory(Keyring keyring) {
    return std::shared_ptr<FieldCipher>(new FieldCipher({}, std::move(keyring)));
}

bool FieldCipher::is_sealed(std::string_view text) {
    return text.starts_with(kPrefix);
}

std::string_view FieldCipher::key_id_of(std::string_view sealed) {
    if (!is_sealed(sealed))
        return {};
    sealed.remove_prefix(kPrefix.size());
    auto colon = sealed.find(':');
    return colon == std::string_view::npos ? std::string_view{} : sealed.substr(0, colon);
}

void FieldCipher::refresh(bool force) {
    if (m_file.empty())
        return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - m_checked_at < kReloadInterval)
        return;
    m_checked_at = now;
    auto stamp = stamp_of(m_file);
    if (stamp.empty() || stamp == m_file_stamp)
        return;
    // A file that cannot be read now (being replaced, or damaged) keeps the keys already known.
    if (auto keyring = load_keyring_file(m_file)) {
        m_keyring = std::move(*keyring);
        m_file_stamp = stamp;
    }
}

Keyring FieldCipher::snapshot() {
    std::lock_guard lock(m_mutex);
    refresh(false);
    return m_keyring;
}

std::string FieldCipher::current_key_id() {
    return snapshot().current().id;
}

Result<std::string> FieldCipher::seal(std::string_view plaintext,
                                      std::string_view associated_data) {
    DataKey key;
    {
        std::lock_guard lock(m_mutex);
        refresh(false);
        key = m_keyring.current();
    }
    std::vector<unsigned char> box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                   crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned char* nonce = box.data();
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        box.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &length,
        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
        reinterpret_cast<const unsigned char*>(associated_data.data()), associated_data.size(),
        nullptr, nonce, key.bytes.data());
    sodium_memzero(key.bytes.data(), key.bytes.size());
    std::string encoded(sodium_base64_encoded_len(box.size(), kBase64), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), box.data(), box.size(), kBase64);
    encoded.pop_back();  // the terminating NUL
    return std::string(kPrefix) + key.id + ":" + encoded;
}

Result<std::string> FieldCipher::unseal(std::string_view sealed, std::string_view associated_data) {
    auto id = key_id_of(sealed);
    if (id.empty())
        return fail(undecryptable("not a sealed field"));
    std::string_view encoded = sealed.substr(kPrefix.size() + id.size() + 1);
    DataKey key;
    {
        std::lock_guard lock(m_mutex);
        refresh(false);
        const DataKey* found = m_keyring.find(id);
        if (found == nullptr) {
            // Another process rotated the keys: the file has the new key.
            refresh(true);
            found = m_keyring.find(id);
        }
        if (found == nullptr)
            return fail(undecryptable(fmt::format("key {} is not in the key file", id)));
        key = *found;
    }
    // The nonce and ciphertext are not secret: a decoder that is not constant-time will do.
    std::vector<unsigned char> box(encoded.size());
    const auto decoded = decode_base64url(encoded, box.data());
    const std::size_t box_size = decoded.value_or(0);
    if (!decoded || box_size < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                                   crypto_aead_xchacha20poly1305_ietf_ABYTES) {
        sodium_memzero(key.bytes.data(), key.bytes.size());
        return fail(undecryptable("malformed"));
    }
    const unsigned char* nonce = box.data();
    std::string plaintext(box_size - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES -
                              crypto_aead_xchacha20poly1305_ietf_ABYTES,
                          '\0');
    unsigned long long length = 0;
    int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr,
        box.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
        box_size - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
        reinterpret_cast<const unsigned char*>(associated_data.data()), associated_data.size(),
        nonce, key.bytes.data());
    sodium_memzero(key.bytes.data(), key.bytes.size());
    if (opened != 0)
        return fail(undecryptable("the authentication tag does not match"));
    plaintext.resize(length);
    return plaintext;
}

}  // namespace retorno
