#pragma once

#include <vector>

#include "domain/audit_entry.h"
#include "store/store.h"

namespace retorno {

// The day heads that a batch of chained entries moves forward: for each day the batch reaches
// (the first ten characters of `recorded_at`), its last entry, signed by `sign_head`. Both
// stores call it inside the transaction that appends the batch.
std::vector<AuditDayHead> day_heads_of(const std::vector<AuditEntry>& entries,
                                       const Store::AuditHeadSigner& sign_head);

}  // namespace retorno
