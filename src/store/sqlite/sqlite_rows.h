#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "domain/institution.h"
#include "domain/session.h"
#include "domain/user.h"
#include "store/sqlite/sqlite_connection.h"

namespace retorno::sqlite {

// How many columns a list of plain column names holds.
constexpr int column_count(std::string_view columns) {
    return static_cast<int>(std::count(columns.begin(), columns.end(), ',')) + 1;
}

// Rows of the store's tables back into domain values. Each mapper reads its columns, in the
// order of its column list below, starting at column `first`, so that a statement that joins
// several tables maps each table's part of the row. A row that cannot be read is an internal
// error: retorno wrote it.
inline constexpr std::string_view kInstitutionColumns = "id, country, type, name, parent_id";
inline constexpr std::string_view kUserColumns =
    "id, username, display_name, institution_id, roles, password_hash, disabled, language";
inline constexpr int kUserColumnCount = column_count(kUserColumns);
inline constexpr std::string_view kSessionColumns =
    "id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, address";
inline constexpr int kSessionColumnCount = column_count(kSessionColumns);
// user_from_row and session_from_row read eight columns each.
static_assert(kUserColumnCount == 8 && kSessionColumnCount == 8);

// A column list with every column named by its table's alias in a join: ("id, name", "u") gives
// "u.id, u.name".
std::string qualified(std::string_view columns, std::string_view alias);

Result<Timestamp> time_column(const Statement& row, int column);
Result<Institution> institution_from_row(const Statement& row, int first = 0);
Result<User> user_from_row(const Statement& row, int first = 0);
Result<Session> session_from_row(const Statement& row, int first = 0);

}  // namespace retorno::sqlite
