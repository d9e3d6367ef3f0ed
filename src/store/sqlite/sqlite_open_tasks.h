#pragma once

#include "core/error.h"
#include "domain/open_task.h"
#include "store/sqlite/sqlite_connection.h"

namespace retorno::sqlite {

// Replaces the open tasks of a case and their head (migration 5) on `db`, inside the caller's
// transaction; with no tasks it removes both, so that the case counts as stale.
Status write_case_tasks(Connection& db, const Id& case_id, const CaseTasks* tasks);

}  // namespace retorno::sqlite
