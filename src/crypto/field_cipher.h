#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.h"
#include "crypto/keyring.h"

namespace retorno {

// Encrypts and decrypts single fields with XChaCha20-Poly1305 (libsodium's IETF variant), a
// random 24-byte nonce per field, and associated data that names where the field lives (its
// case, event and path), so that a ciphertext moved to another field or case fails to decrypt.
// A sealed field is the text
//     enc1:KEYID:BASE64URL(nonce || ciphertext || tag)
// and names the key it was made with. The keyring comes from a key file that is watched: a
// rotation (`retorno keys rotate`) replaces the file, and every process that holds a
// FieldCipher over it starts using the new current key within kReloadInterval, and reloads at
// once when it meets a key id it does not know. Thread-safe.
class FieldCipher {
  public:
    static constexpr std::chrono::milliseconds kReloadInterval{200};

    static Result<std::shared_ptr<FieldCipher>> open(const std::filesystem::path& key_file);
    // A cipher over a keyring held in memory only (tests, and a copy between two stores).
    static std::shared_ptr<FieldCipher> in_memory(Keyring keyring);

    static bool is_sealed(std::string_view text);
    // The key id a sealed text names, or an empty view when it is not sealed.
    static std::string_view key_id_of(std::string_view sealed);

    Result<std::string> seal(std::string_view plaintext, std::string_view associated_data);
    // Fails (Internal) when the key is unknown even after reloading, or the text was changed.
    Result<std::string> unseal(std::string_view sealed, std::string_view associated_data);

    // The id of the key that `seal` uses now (after a reload check).
    std::string current_key_id();

  private:
    FieldCipher(std::filesystem::path file, Keyring keyring);
    // Reloads the key file when it changed; `force` skips the interval.
    void refresh(bool force);
    Keyring snapshot();

    std::filesystem::path m_file;  // empty: in memory
    std::mutex m_mutex;
    Keyring m_keyring;
    std::string m_file_stamp;
    std::chrono::steady_clock::time_point m_checked_at;
};

}  // namespace retorno
