#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace retorno::sqlite {

// A prepared statement borrowed from its connection's cache. It is reset and its bindings
// cleared when the borrow ends, so the next user starts clean.
class Statement {
  public:
    explicit Statement(sqlite3_stmt* statement) : m_statement(statement) {}
    ~Statement();
    Statement(Statement&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr)) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);

    // Steps once: true when a row is ready, false when done; an error otherwise.
    Result<bool> step();
    // Steps until done, for statements that return no rows.
    Status run();

    std::string text(int column) const;
    std::string_view text_view(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

  private:
    sqlite3_stmt* m_statement;
};

enum class Durability { Normal, Full };

// One SQLite connection with its statement cache. Not thread-safe: one thread at a time.
class Connection {
  public:
    static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& file,
                                                    Durability durability);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Result<Statement> prepare(std::string_view sql);
    Status execute(std::string_view sql);  // runs one or more statements without results

    // The text of the last error, for Error::detail (never for clients).
    std::string last_error() const;
    int last_error_code() const;

  private:
    explicit Connection(sqlite3* db) : m_db(db) {}

    sqlite3* m_db;
    // Looked up by the SQL text as given (a string_view), without copying it: every read of
    // the store prepares its statement through this cache.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept {
            return std::hash<std::string_view>{}(sql);
        }
    };
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> m_cache;
};

}  // namespace retorno::sqlite
