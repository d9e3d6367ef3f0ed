#include "store/sqlite/sqlite_backup.h"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace retorno {

namespace {

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Result<Database> open(const std::filesystem::path& file, int flags) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
    Database owned(db, &sqlite3_close);
    if (rc != SQLITE_OK) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "The SQLite file '" + file.string() + "' cannot be opened.",
                                db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db, 5000);
    return owned;
}

Error damaged(const std::filesystem::path& file, const std::string& findings) {
    return Error::make(ErrorCode::InvalidInput,
                       "The SQLite file '" + file.string() +
                           "' is damaged: SQLite cannot read all of it (" + findings + ").",
                       findings);
}

// Rollback journal, not WAL, so that the file is complete by itself.
Status journal_mode_delete(sqlite3* db) {
    char* message = nullptr;
    if (sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message) != SQLITE_OK) {
        std::string detail = message != nullptr ? message : "";
        sqlite3_free(message);
        return fail(
            Error::make(ErrorCode::Unavailable, "The SQLite file cannot be finished.", detail));
    }
    return {};
}

Status copy_pages(const std::filesystem::path& from, const std::filesystem::path& to) {
    auto source = TRY(open(from, SQLITE_OPEN_READONLY));
    auto target = TRY(open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE));
    sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (backup == nullptr) {
        return fail(Error::make(ErrorCode::Internal, "The SQLite backup cannot start.",
                                sqlite3_errmsg(target.get())));
    }
    // Steps of 256 pages let a concurrent writer proceed between them; BUSY and LOCKED mean
    // that it holds a lock for a moment, so the step is simply tried again.
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return fail(damaged(from, sqlite3_errstr(rc)));
    if (rc != SQLITE_DONE) {
        return fail(
            Error::make(ErrorCode::Unavailable, "The SQLite backup failed.", sqlite3_errstr(rc)));
    }
    return journal_mode_delete(target.get());
}

}  // namespace

Status sqlite_check_integrity(const std::filesystem::path& file) {
    auto db = TRY(open(file, SQLITE_OPEN_READONLY));
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check(5)", -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return fail(damaged(file, sqlite3_errstr(rc)));
    if (rc != SQLITE_OK) {
        return fail(Error::make(ErrorCode::Unavailable, "The SQLite file cannot be checked.",
                                sqlite3_errmsg(db.get())));
    }
    std::string findings;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
        const std::string row = text != nullptr ? text : "";
        if (row == "ok")
            continue;
        findings += (findings.empty() ? "" : "; ") + row;
    }
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return fail(damaged(file, sqlite3_errstr(rc)));
    if (rc != SQLITE_DONE) {
        return fail(Error::make(ErrorCode::Unavailable, "The SQLite file cannot be checked.",
                                sqlite3_errmsg(db.get())));
    }
    if (!findings.empty())
        return fail(damaged(file, findings));
    return {};
}

Status sqlite_make_standalone(const std::filesystem::path& file) {
    auto db = TRY(open(file, SQLITE_OPEN_READWRITE));
    return journal_mode_delete(db.get());
}

Status sqlite_backup(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    if (std::filesystem::exists(to, ec)) {
        return fail(
            Error::make(ErrorCode::InvalidInput,
                        "'" + to.string() + "' exists already; a backup never overwrites."));
    }
    if (!std::filesystem::exists(from, ec)) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "The SQLite file '" + from.string() + "' does not exist."));
    }
    auto copied = copy_pages(from, to);
    if (!copied) {
        std::filesystem::remove(to, ec);
        std::filesystem::remove(to.string() + "-journal", ec);
    }
    return copied;
}

}  // namespace retorno
