#pragma once

#include <string>

#include <pqxx/pqxx>

#include "domain/open_task.h"

namespace retorno::postgres {

// Replaces the open tasks of a case and their head (migration 5) inside the caller's
// transaction; with no tasks it removes both, so that the case counts as stale. Throws as
// pqxx does; the store's with_connection turns that into an Error.
void write_case_tasks(pqxx::work& tx, const std::string& case_id, const CaseTasks* tasks);

}  // namespace retorno::postgres
