#pragma once

#include "core/error.h"
#include "crypto/field_cipher.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/institution.h"
#include "domain/session.h"
#include "domain/user.h"

namespace pqxx {
class row;
class field;
}  // namespace pqxx

namespace retorno::postgres {

// Rows of the store's SELECT statements (postgres_statements.cpp), in their column order, back
// into domain values. A row that cannot be read is an internal error: retorno wrote it.
// Sensitive fields are opened with `cipher` (store/sealed_fields.h).
Result<Event> event_from_row(const pqxx::row& row, FieldCipher* cipher);
// The institution, user and session mappers read their columns from column `first` on, so that
// a statement joining their tables maps each table's part of the row.
Result<Institution> institution_from_row(const pqxx::row& row, int first = 0);
Result<User> user_from_row(const pqxx::row& row, int first = 0);
inline constexpr int kUserColumnCount = 8;
Result<Session> session_from_row(const pqxx::row& row, int first = 0);
inline constexpr int kSessionColumnCount = 8;
// A time as the statements give it (utc_text in postgres_statements.cpp).
Result<Timestamp> time_field(const pqxx::field& field);

}  // namespace retorno::postgres
