#pragma once

#include <cstdint>

#include "store/store.h"

namespace retorno {

struct CopyReport {
    std::int64_t institutions = 0;
    std::int64_t users = 0;
    std::int64_t cases = 0;
    std::int64_t events = 0;
};

// Copies a whole deployment from one store into another, empty one, with its full history:
// institutions (parents first), users, and every case with all its events, appended in version
// order so that the target enforces the same rules as on first writing. Then verifies the copy:
// equal counts, and for every case the same audit-chain head (the hash of its last event, which
// chains every event before it). This is the core of `retorno migrate-store` (SQLite to
// PostgreSQL or back). A target that holds anything is refused: a copy never merges.
//
// The source must not change during the copy (stop the servers first); a change made meanwhile
// shows up as a failed verification, not as a silent difference.
Result<CopyReport> copy_store(Store& from, Store& to);

}  // namespace retorno
