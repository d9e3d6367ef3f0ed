#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "core/error.h"
#include "core/id.h"
#include "core/time.h"
#include "matching/person_index.h"
#include "service/event_log_follower.h"
#include "store/store.h"

namespace retorno {

// A case whose child may be the person searched for.
struct CaseCandidate {
    Id case_id;
    matching::MatchResult result;  // score in (0, 1) and the reasons, field by field
};

// The person index of the service: every case's child in a matching::PersonIndex kept in
// memory, for the search-or-create screen (GET /api/v1/persons/candidates and the web page).
//
// It is built from the store's cases on the first refresh, then kept up to date by following
// the event log by position (EventLogFollower): every refresh re-reads the cases that have new
// events and re-indexes their child. Each search refreshes first, so a search sees every case
// opened or edited before it started, in this process or in another `retorno serve` on the
// same PostgreSQL database; when nothing changed, that costs one indexed query on the log.
//
// Searches run concurrently under a shared lock; applying changes takes the exclusive lock
// only for the upserts themselves (the store is read before it). Nothing here decides access:
// the candidates are every case, and access::PersonSearch keeps those the caller may see.
class PersonCandidates {
  public:
    PersonCandidates(Store& store, const Clock& clock) : m_store(store), m_follower(store, clock) {}

    // Loads the matching tables and builds the index on the first call, then catches up with
    // the event log. `retorno serve` calls it once at start so that no search pays for the
    // build. Unavailable when the matching tables cannot be loaded.
    Status refresh();

    // After a refresh: the cases whose child scores at least `threshold` against `query`, best
    // first, at most `max`. A query the matcher cannot prepare is InvalidInput.
    Result<std::vector<CaseCandidate>> search(const matching::PersonRecord& query, std::size_t max,
                                              double threshold = matching::kDefaultThreshold);

    // How many children are indexed (0 before the first refresh).
    std::size_t size() const;

  private:
    Status build(std::shared_ptr<const matching::NameTables> tables);
    Status apply(const std::vector<Id>& changed);

    Store& m_store;
    std::mutex m_refresh_mutex;  // one refresh at a time; guards m_follower
    EventLogFollower m_follower;
    mutable std::shared_mutex m_index_mutex;  // guards m_index
    std::unique_ptr<matching::PersonIndex> m_index;
};

}  // namespace retorno
