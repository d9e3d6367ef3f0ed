#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "crypto/field_cipher.h"
#include "store/store.h"

namespace retorno {

// How many connections a PostgreSQL store keeps, unless configured otherwise. It bounds the
// server's connections per `retorno serve` process.
inline constexpr int kDefaultPostgresPoolSize = 16;

// Opens the store that the data folder's `database` setting names:
//   ""                          the SQLite file DATA_DIR/retorno.db (the default)
//   "sqlite:PATH"               the SQLite file PATH (relative paths are inside DATA_DIR)
//   "postgresql://..."          a PostgreSQL server (also "postgres://...")
// Anything else is InvalidInput. The message never repeats the setting, which may hold a
// password. Sensitive fields are encrypted with `cipher`, by default the data key file of the
// data folder (DATA/keys/data-keys, crypto/keyring.h); a missing key file is Unavailable.
Result<std::unique_ptr<Store>> open_store(const std::string& database_setting,
                                          const std::filesystem::path& data_dir,
                                          int pool_size = kDefaultPostgresPoolSize,
                                          std::shared_ptr<FieldCipher> cipher = nullptr);

// Opens the read replica that a `read_database` setting names: a postgresql:// URL of a hot
// standby of the primary (see PostgresStore::open_replica). Anything else is InvalidInput.
// `cipher` opens the sensitive fields; give it the primary's (a null cipher reads only
// unencrypted data).
Result<std::unique_ptr<Store>> open_read_replica(const std::string& read_database_setting,
                                                 int pool_size = kDefaultPostgresPoolSize,
                                                 std::shared_ptr<FieldCipher> cipher = nullptr);

// The SQLite file that a `database` setting names (as `open_store` resolves it), or an empty
// path when the setting names a PostgreSQL server. InvalidInput for a setting of neither kind.
Result<std::filesystem::path> sqlite_file_of(const std::string& database_setting,
                                             const std::filesystem::path& data_dir);

}  // namespace retorno
