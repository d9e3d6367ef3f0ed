#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "core/error.h"
#include "domain/event.h"
#include "store/store.h"

namespace retorno {

// What a verified deployment holds.
struct ChainReport {
    std::int64_t cases = 0;
    std::int64_t events = 0;
};

// Verifies the audit chains of a deployment from its events and case projections, fed in any
// order: every event's hash is recomputed from its content (domain/event_hash.h) and names the
// previous event's hash, every case has the versions 1..N without a gap, and the head of each
// chain is the hash the case projection holds. A backup or a restored copy that passes has
// lost, added or changed no event, and no projection's head disagrees with its log
// (verify_store also compares the whole projection with a replay of its events).
class ChainCheck {
  public:
    void add_case(const std::string& case_id, std::int64_t version, std::string last_hash);
    void add_event(const Event& event);

    // The verdict: the counts, or an error that names the first broken case.
    Result<ChainReport> finish() const;

  private:
    struct Link {
        std::string previous_hash;
        std::string hash;
        bool hash_matches = false;
    };
    struct Chain {
        std::int64_t version = 0;  // 0 while no projection was seen
        std::string last_hash;
        std::map<std::int64_t, Link> links;
    };
    std::unordered_map<std::string, Chain> m_chains;
    std::int64_t m_events = 0;
    std::int64_t m_cases = 0;
};

// Why a sealed field of a backup being verified did not open (`detail`, from FieldCipher): the
// key it names is not in this folder's key file, which the operator must put there, or it does
// not open with that key, which means the backup was damaged or changed after it was written.
// Both are InvalidInput; SQLite backups and PostgreSQL archives say them alike.
Error sealed_field_refused(const std::string& detail);

// Reads every case and event of a store through its interface and checks them, then compares
// the counts with the store's own count_cases and count_events. It also rebuilds each case
// from its events (domain/case_replay.h) and compares the whole projection, not only its head:
// a projection row that was damaged or edited while its version and last hash stayed right is
// refused too.
Result<ChainReport> verify_store(Store& store);

}  // namespace retorno
