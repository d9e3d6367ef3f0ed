#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/audit_entry.h"
#include "store/store.h"

namespace retorno::audit {

// The hash of an entry: hex SHA-256 over a canonical text of every field, each prefixed by its
// length so that no two different entries share a text, ending with the previous entry's hash.
// Changing any field of any entry changes every hash after it.
std::string entry_hash(const AuditEntry& entry);

// What `verify_chain` found: nothing wrong, or the first entry that does not fit.
struct ChainReport {
    std::int64_t entries = 0;
    std::int64_t signed_days = 0;
    bool intact = true;
    std::int64_t first_broken_seq = 0;  // the first entry that was changed, removed or inserted
    std::string problem;                // in words, for the operator
};

// Walks the whole audit log in order and checks numbering (no gap, no duplicate), chaining and
// hashes, then each signed day head against the entry it names and the public key. A forger who
// recomputes the chain after an edit is caught by the signed heads of the days before today.
Result<ChainReport> verify_chain(Store& store, const std::string& public_key_hex);

}  // namespace retorno::audit
