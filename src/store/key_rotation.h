#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace retorno {

struct RotationOptions {
    // How long to wait after a key file change before relying on it: every process that holds a
    // FieldCipher over the file uses the new current key within FieldCipher::kReloadInterval.
    std::chrono::milliseconds grace{1500};
    int batch = 200;     // rows per transaction
    int max_passes = 8;  // re-encryption passes before giving up on a busy store
    bool keep_old_keys = false;
    std::function<void(const std::string&)> progress;  // one line per step; may be empty
};

struct RotationReport {
    std::string new_key;
    std::int64_t fields = 0;  // fields re-encrypted (in every pass)
    std::int64_t rows = 0;
    int passes = 0;
    bool old_keys_removed = false;
};

// `retorno keys rotate`: adds a new data key to the key file and makes it current, waits until
// every process uses it for new writes, re-encrypts under it every sensitive field of the store
// (Store::reseal_fields, in short transactions, while servers keep serving), and, once a count
// finds no field under an old key twice, a grace period apart, removes the old keys from the
// file. `store` must have been opened with a FieldCipher over `key_file`. Servers never stop:
// a server that meets the new key id before it reloaded the file reloads it at once.
Result<RotationReport> rotate_data_key(Store& store, const std::filesystem::path& key_file,
                                       const RotationOptions& options);

}  // namespace retorno
