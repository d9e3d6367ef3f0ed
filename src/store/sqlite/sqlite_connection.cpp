#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <mutex>

namespace retorno::sqlite {

namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
    int code = sqlite3_extended_errcode(db);
    auto kind = (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                 code == SQLITE_CANTOPEN || code == SQLITE_FULL)
                    ? ErrorCode::Unavailable
                    : ErrorCode::Internal;
    return Error{kind,
                 kind == ErrorCode::Unavailable ? "The database is not available right now."
                                                : "An internal error occurred.",
                 std::string(what) + ": " + sqlite3_errmsg(db),
                 {}};
}

// SQLite counts every allocation of the process under one global mutex unless told not to;
// every read takes it many times, and on a machine of few cores its waits were a tenth of a
// case read's system calls (docs/performance.md). The counts are never read here. This has to
// happen before SQLite is first used in the process; if something else used it first, the
// call is refused and only the speed is lost.
void configure_sqlite_once() {
    static std::once_flag configured;
    std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Statement::~Statement() {
    if (m_statement == nullptr)
        return;
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_statement, index);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(m_statement);
    Error error = sqlite_error(db, "step");
    if ((rc & 0xFF) == SQLITE_CONSTRAINT)
        error.code = ErrorCode::Conflict;
    return fail(std::move(error));
}

Status Statement::run() {
    while (TRY(step())) {
    }
    return {};
}

std::string Statement::text(int column) const {
    return std::string(text_view(column));
}

std::string_view Statement::text_view(int column) const {
    const auto* bytes = sqlite3_column_text(m_statement, column);
    if (bytes == nullptr)
        return {};
    return {reinterpret_cast<const char*>(bytes),
            static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& file,
                                                     Durability durability) {
    configure_sqlite_once();
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string detail = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail(Error{ErrorCode::Unavailable,
                          "The database cannot be opened.",
                          "open " + file.string() + ": " + detail,
                          {}});
    }
    std::unique_ptr<Connection> connection(new Connection(db));
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    // WAL lets readers work while one writer appends. FULL sync makes an acknowledged append
    // survive a power cut; readers need only NORMAL.
    TRY_STATUS(connection->execute("PRAGMA journal_mode = WAL"));
    TRY_STATUS(connection->execute(durability == Durability::Full ? "PRAGMA synchronous = FULL"
                                                                  : "PRAGMA synchronous = NORMAL"));
    TRY_STATUS(connection->execute("PRAGMA foreign_keys = ON"));
    return connection;
}

Connection::~Connection() {
    for (auto& [sql, statement] : m_cache)
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

Result<Statement> Connection::prepare(std::string_view sql) {
    auto it = m_cache.find(sql);
    if (it != m_cache.end())
        return Statement(it->second);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        return fail(sqlite_error(m_db, "prepare"));
    }
    m_cache.emplace(std::string(sql), statement);
    return Statement(statement);
}

Status Connection::execute(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = sqlite_error(m_db, "exec");
        sqlite3_free(message);
        return fail(std::move(error));
    }
    return {};
}

std::string Connection::last_error() const {
    return sqlite3_errmsg(m_db);
}

int Connection::last_error_code() const {
    return sqlite3_extended_errcode(m_db);
}

}  // namespace retorno::sqlite
