#include "store/open_store.h"

#include "store/postgres/postgres_store.h"
#include "store/postgres/postgres_url.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno {

Result<std::filesystem::path> sqlite_file_of(const std::string& database_setting,
                                             const std::filesystem::path& data_dir) {
    if (postgres::is_postgres_url(database_setting))
        return std::filesystem::path();
    std::filesystem::path file = data_dir / "retorno.db";
    if (database_setting.starts_with("sqlite:")) {
        std::filesystem::path named = database_setting.substr(std::string_view("sqlite:").size());
        if (named.empty()) {
            return fail(Error::make(ErrorCode::InvalidInput,
                                    "The database setting 'sqlite:' names no file."));
        }
        file = named.is_absolute() ? named : data_dir / named;
    } else if (!database_setting.empty()) {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The database setting must be empty (SQLite in the data folder), "
                                "sqlite:FILE, or a postgresql:// URL."));
    }
    return file;
}

Result<std::unique_ptr<Store>> open_store(const std::string& database_setting,
                                          const std::filesystem::path& data_dir, int pool_size,
                                          std::shared_ptr<FieldCipher> cipher) {
    // The setting is checked before the key file, so that a wrong setting is named as such.
    auto file = TRY(sqlite_file_of(database_setting, data_dir));
    if (!cipher)
        cipher = TRY(FieldCipher::open(data_key_file(data_dir)));
    if (file.empty()) {
        std::unique_ptr<Store> store =
            TRY(PostgresStore::open(database_setting, pool_size, std::move(cipher)));
        return store;
    }
    std::unique_ptr<Store> store =
        TRY(SqliteStore::open(file, sqlite::Durability::Full, std::move(cipher)));
    return store;
}

Result<std::unique_ptr<Store>> open_read_replica(const std::string& read_database_setting,
                                                 int pool_size,
                                                 std::shared_ptr<FieldCipher> cipher) {
    if (!postgres::is_postgres_url(read_database_setting)) {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The read_database setting must be the postgresql:// URL of a "
                                "hot standby of the database."));
    }
    std::unique_ptr<Store> store =
        TRY(PostgresStore::open_replica(read_database_setting, pool_size, std::move(cipher)));
    return store;
}

}  // namespace retorno
