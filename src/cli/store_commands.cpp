#include <unistd.h>

#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "service/config.h"
#include "store/chain_check.h"
#include "store/copy_store.h"
#include "store/open_store.h"
#include "store/postgres/postgres_backup.h"
#include "store/sqlite/sqlite_audit_index.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_store.h"

namespace retorno::cli {

namespace {

struct BackupOptions {
    std::string data = "data";
    std::string file;
};

struct MigrateOptions {
    std::string from;
    std::string to;
    std::string keys;
};

// 1 when the input was refused (a non-empty target, a backup that does not verify), 2 when the
// environment failed (a database down, a file that cannot be written).
int report(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    if (!error.detail.empty())
        std::cerr << "  (" << error.detail << ")\n";
    return error.code == ErrorCode::InvalidInput || error.code == ErrorCode::Conflict ? 1 : 2;
}

enum class BackupFormat { Sqlite, PgDump, Unknown };

BackupFormat format_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[16] = {};
    in.read(magic, sizeof magic);
    if (in && std::string_view(magic, 16) == std::string_view("SQLite format 3\0", 16))
        return BackupFormat::Sqlite;
    if (postgres::is_pg_dump_archive(file))
        return BackupFormat::PgDump;
    return BackupFormat::Unknown;
}

struct Target {
    std::string database;          // the `database` setting
    std::filesystem::path sqlite;  // its SQLite file, or empty for PostgreSQL
};

Result<Target> target_of(const std::filesystem::path& data_dir) {
    auto config_file = data_dir / kConfigFileName;
    if (!std::filesystem::exists(config_file)) {
        return fail(Error::make(ErrorCode::Unavailable, "'" + data_dir.string() +
                                                            "' is not a retorno data folder; run "
                                                            "`retorno init --data " +
                                                            data_dir.string() + "` first."));
    }
    auto config = TRY(load_config(config_file));
    Target target{config.database, {}};
    target.sqlite = TRY(sqlite_file_of(config.database, data_dir));
    return target;
}

Result<bool> is_empty(Store& store) {
    return TRY(store.count_events()) == 0 && TRY(store.count_cases()) == 0 &&
           TRY(store.list_institutions()).empty() && TRY(store.list_users()).empty();
}

Error not_empty() {
    return Error::make(ErrorCode::InvalidInput,
                       "The target store is not empty; a restore never merges into existing "
                       "data. Restore into a new data folder or an empty database.");
}

void print_verified(const ChainReport& report, std::string_view what) {
    std::cout << fmt::format("retorno: {}: {} cases, {} events; every audit chain verified.\n",
                             what, report.cases, report.events);
}

// What opening a SQLite file as a store leaves beside it: SQLite's log, shared memory and
// journal, and the store's audit index (derived data, rebuilt wherever the store is opened
// next). A backup or a restore removes them, so that neither litters the backup's folder nor
// leaves a second index in the data folder.
void remove_files_beside(const std::filesystem::path& file) {
    std::error_code ec;
    const auto index = SqliteAuditIndex::file_beside(file).string();
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::filesystem::remove(file.string() + suffix, ec);
        std::filesystem::remove(index + suffix, ec);
    }
    std::filesystem::remove(index, ec);
}

void remove_sqlite_files(const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    remove_files_beside(file);
}

int run_backup(const BackupOptions& options) {
    auto target = target_of(options.data);
    if (!target)
        return report(target.error());
    std::filesystem::path to = options.file;
    auto cipher = FieldCipher::open(data_key_file(options.data));
    if (!cipher)
        return report(cipher.error());
    // The backup holds no key; say which one its sensitive fields need.
    const std::string key_note = "; its sensitive fields need data key " +
                                 (*cipher)->current_key_id() +
                                 ", which is not in it: keep the key file backed up apart";
    if (target->sqlite.empty()) {
        // Opening the store first checks the server, the URL and the schema version.
        if (auto store = open_store(target->database, options.data, 1, *cipher); !store)
            return report(store.error());
        if (auto dumped = postgres::pg_dump_backup(target->database, to); !dumped)
            return report(dumped.error());
        std::cout << "retorno: backup written to " << to.string()
                  << " (pg_dump custom format; `retorno restore` verifies it)" << key_note << ".\n";
        return 0;
    }
    if (auto copied = sqlite_backup(target->sqlite, to); !copied)
        return report(copied.error());
    // The copy is checked at once, so that a backup that would not restore is known now.
    auto verified = [&]() -> Result<ChainReport> {
        TRY_STATUS(sqlite_check_integrity(to));
        auto store = TRY(SqliteStore::open(to, sqlite::Durability::Full, *cipher));
        auto report = TRY(verify_store(*store));
        store.reset();
        TRY_STATUS(sqlite_make_standalone(to));
        remove_files_beside(to);
        return report;
    }();
    if (!verified) {
        remove_sqlite_files(to);
        return report(verified.error());
    }
    print_verified(*verified, "backup written to " + to.string());
    std::cout << "retorno: " << key_note.substr(2) << ".\n";
    return 0;
}

// Why a backup's cases or events could not be read back, in words that send the operator to
// the right remedy: a sealed field that does not open says whether the key file is missing or
// the file is damaged (sealed_field_refused); a record that cannot be decoded means the file
// was damaged or changed after it was written. A broken chain says so itself.
Error unreadable_backup(const std::filesystem::path& from, const Error& error) {
    if (error.detail.find("sealed field") != std::string::npos)
        return sealed_field_refused(error.detail);
    if (error.code == ErrorCode::Internal) {
        return Error::make(ErrorCode::InvalidInput,
                           "The backup '" + from.string() +
                               "' is damaged or was changed after it was written: a case or an "
                               "event in it cannot be read. Nothing was restored; use another "
                               "backup.",
                           error.detail);
    }
    return error;
}

// A SQLite restore is made aside and renamed over the target only once it verified, so the
// target is either untouched or complete.
Result<ChainReport> restore_sqlite(const std::filesystem::path& from,
                                   const std::filesystem::path& target,
                                   const std::shared_ptr<FieldCipher>& cipher) {
    if (std::filesystem::exists(target)) {
        auto store = TRY(SqliteStore::open(target, sqlite::Durability::Full, cipher));
        if (!TRY(is_empty(*store)))
            return fail(not_empty());
    }
    std::filesystem::path partial = target.string() + ".restoring-" + std::to_string(::getpid());
    remove_sqlite_files(partial);
    auto restored = [&]() -> Result<ChainReport> {
        // Every page first: a damaged page that no case or event lies on (an index, the audit
        // trail) would pass the chains below and break the deployment later.
        TRY_STATUS(sqlite_check_integrity(from));
        TRY_STATUS(sqlite_backup(from, partial));
        // Opening migrates an older backup forward; the store is closed before the rename.
        auto store = TRY(SqliteStore::open(partial, sqlite::Durability::Full, cipher));
        auto report = verify_store(*store);
        if (!report)
            return fail(unreadable_backup(from, report.error()));
        TRY_STATUS(report);
        store.reset();
        TRY_STATUS(sqlite_make_standalone(partial));
        return *report;
    }();
    if (!restored) {
        remove_sqlite_files(partial);
        return restored;
    }
    remove_sqlite_files(target);
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        remove_sqlite_files(partial);
        return fail(Error::make(ErrorCode::Unavailable, "The restored file cannot be put in place.",
                                ec.message()));
    }
    remove_files_beside(partial);
    return restored;
}

int run_restore(const BackupOptions& options) {
    auto target = target_of(options.data);
    if (!target)
        return report(target.error());
    std::filesystem::path from = options.file;
    if (!std::filesystem::is_regular_file(from)) {
        return report(Error::make(ErrorCode::InvalidInput,
                                  "The backup '" + from.string() + "' does not exist."));
    }
    auto format = format_of(from);
    if (format == BackupFormat::Unknown) {
        return report(
            Error::make(ErrorCode::InvalidInput,
                        "'" + from.string() + "' is not a backup made by `retorno backup`."));
    }
    bool target_is_sqlite = !target->sqlite.empty();
    if ((format == BackupFormat::Sqlite) != target_is_sqlite) {
        return report(Error::make(
            ErrorCode::InvalidInput,
            format == BackupFormat::Sqlite
                ? "This is a SQLite backup and the data folder uses PostgreSQL; move it with "
                  "`retorno migrate-store --from sqlite:BACKUP --to postgresql://...`."
                : "This is a PostgreSQL backup and the data folder uses SQLite; restore it into a "
                  "PostgreSQL deployment, then `retorno migrate-store` if needed."));
    }
    auto cipher = FieldCipher::open(data_key_file(options.data));
    if (!cipher)
        return report(cipher.error());
    Result<ChainReport> restored = fail(Error::internal("unreachable"));
    if (target_is_sqlite) {
        restored = restore_sqlite(from, target->sqlite, *cipher);
    } else {
        // Opening the store creates or upgrades the schema of the target and refuses a schema
        // newer than this program; the restore itself then fills the tables in one transaction.
        auto store = open_store(target->database, options.data, 1, *cipher);
        if (!store)
            return report(store.error());
        store->reset();
        restored = postgres::pg_restore_backup(target->database, from, cipher->get());
    }
    if (!restored)
        return report(restored.error());
    print_verified(*restored, "restored from " + from.string());
    return 0;
}

int run_migrate(const MigrateOptions& options) {
    const std::filesystem::path here = std::filesystem::current_path();
    // Both stores use the deployment's key file: fields are opened from the source and sealed
    // again, with new nonces, in the target.
    std::shared_ptr<FieldCipher> cipher;
    if (!options.keys.empty()) {
        auto opened = FieldCipher::open(options.keys);
        if (!opened)
            return report(opened.error());
        cipher = *opened;
    }
    auto from = open_store(options.from, here, 4, cipher);
    if (!from)
        return report(from.error());
    auto to = open_store(options.to, here, 4, cipher);
    if (!to)
        return report(to.error());
    std::cout << "retorno: copying " << (*from)->describe() << " into " << (*to)->describe()
              << "...\n";
    auto copied = copy_store(**from, **to);
    if (!copied)
        return report(copied.error());
    std::cout << fmt::format(
        "retorno: copied {} institutions, {} users, {} cases, {} events; counts and every "
        "case's audit-chain head match the source.\n",
        copied->institutions, copied->users, copied->cases, copied->events);
    auto verified = verify_store(**to);
    if (!verified)
        return report(verified.error());
    print_verified(*verified, "target re-read");
    return 0;
}

}  // namespace

void add_store_commands(CLI::App& app, CliContext& context) {
    auto backup_options = std::make_shared<BackupOptions>();
    auto* backup = app.add_subcommand(
        "backup", "Write a consistent backup of a data folder's store while it keeps serving");
    backup->add_option("--data", backup_options->data, "The data folder")->capture_default_str();
    backup->add_option("--to", backup_options->file, "The new backup file (never overwritten)")
        ->required();
    backup->callback(
        [backup_options, &context] { context.exit_code = run_backup(*backup_options); });

    auto restore_options = std::make_shared<BackupOptions>();
    auto* restore = app.add_subcommand(
        "restore", "Restore a backup into a data folder whose store is empty, verifying it");
    restore->add_option("--data", restore_options->data, "The data folder")->capture_default_str();
    restore->add_option("--from", restore_options->file, "The backup file")->required();
    restore->callback(
        [restore_options, &context] { context.exit_code = run_restore(*restore_options); });

    auto migrate_options = std::make_shared<MigrateOptions>();
    auto* migrate = app.add_subcommand(
        "migrate-store", "Copy a whole deployment with its history into another, empty store");
    migrate->add_option("--from", migrate_options->from, "sqlite:FILE or a postgresql:// URL")
        ->required();
    migrate->add_option("--to", migrate_options->to, "sqlite:FILE or a postgresql:// URL")
        ->required();
    migrate->add_option("--keys", migrate_options->keys,
                        "The deployment's data key file (DATA/keys/data-keys); by default "
                        "keys/data-keys of the current folder");
    migrate->callback(
        [migrate_options, &context] { context.exit_code = run_migrate(*migrate_options); });
}

}  // namespace retorno::cli
