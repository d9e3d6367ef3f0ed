#pragma once

#include "core/error.h"
#include "store/sqlite/sqlite_connection.h"

namespace retorno {

// Brings the database to the newest embedded schema, one migration per transaction, and
// answers the schema version. A database whose schema is newer than this binary knows is
// refused: running old code on it could lose data.
Result<int> apply_sqlite_migrations(sqlite::Connection& db);

}  // namespace retorno
