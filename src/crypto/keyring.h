#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace retorno {

// One data key of field encryption: XChaCha20-Poly1305 takes 32-byte keys. Its id is written
// next to every ciphertext made with it, so that a keyring can hold old and new keys at once.
struct DataKey {
    std::string id;  // 8 lowercase hex digits, random
    std::array<unsigned char, 32> bytes{};
};

// The data keys of a deployment, as kept in DATA/keys/data-keys (mode 0600, outside the
// database and its backups). The last key is the current one: new ciphertexts use it; the
// others only decrypt what was written before the last rotation. Text format, one key a line:
//     KEYID HEX64
// with blank lines and lines starting with '#' ignored.
class Keyring {
  public:
    // A keyring of one new random key.
    static Keyring generate();
    static Result<Keyring> parse(std::string_view text);
    std::string to_text() const;

    const DataKey& current() const { return m_keys.back(); }
    const DataKey* find(std::string_view id) const;
    const std::vector<DataKey>& keys() const { return m_keys; }

    // This keyring with one more key, made current.
    Keyring with_new_key() const;
    // This keyring with only its current key.
    Keyring current_only() const;

  private:
    std::vector<DataKey> m_keys;  // never empty
};

inline constexpr const char* kDataKeyFile = "data-keys";

// The key file of a data folder: DATA/keys/data-keys.
std::filesystem::path data_key_file(const std::filesystem::path& data_dir);

// Creates the key file with one new key (mode 0600, its folder 0700) unless it exists.
Status create_keyring_file(const std::filesystem::path& file);
// Replaces the key file atomically (written aside with mode 0600, synced, renamed), so that a
// reader sees the old or the new keyring, never a part of one.
Status write_keyring_file(const std::filesystem::path& file, const Keyring& keyring);
Result<Keyring> load_keyring_file(const std::filesystem::path& file);

}  // namespace retorno
