#pragma once

#include "core/error.h"
#include "crypto/field_cipher.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/institution.h"
#include "domain/user.h"

namespace pqxx {
class row;
}

namespace retorno::postgres {

// Rows of the store's SELECT statements (postgres_statements.cpp), in their column order, back
// into domain values. A row that cannot be read is an internal error: retorno wrote it.
// Sensitive fields are opened with `cipher` (store/sealed_fields.h).
Result<Event> event_from_row(const pqxx::row& row, FieldCipher* cipher);
Result<Institution> institution_from_row(const pqxx::row& row);
Result<User> user_from_row(const pqxx::row& row);

}  // namespace retorno::postgres
