#pragma once

#include "core/error.h"
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
Result<Event> event_from_row(const pqxx::row& row);
Result<Case> case_from_document(std::string_view text);
Result<Institution> institution_from_row(const pqxx::row& row);
Result<User> user_from_row(const pqxx::row& row);

std::string join_roles(const std::vector<Role>& roles);

}  // namespace retorno::postgres
