#pragma once

#include <vector>

#include "access/case_access.h"
#include "access/case_policy.h"
#include "audit/audit_trail.h"
#include "service/person_candidates.h"
#include "service/person_query.h"

namespace retorno::access {

// A case proposed as the child being searched for.
struct PersonMatch {
    Case found;
    matching::MatchResult result;
};

// The search-or-create screen's question, "is this child already known?", as a signed-in user
// may ask it (GET /api/v1/persons/candidates and the web page call this). The person index
// ranks every case; the access policy then keeps only the cases the user may see, and of
// those only the ones whose child's identity it may see: any other case is left out, exactly
// as if it did not exist. Each case answered is recorded in the audit trail as a read.
class PersonSearch {
  public:
    PersonSearch(PersonCandidates& candidates, CasePolicy& policy, Store& store,
                 audit::AuditTrail& audit, const Clock& clock)
        : m_candidates(candidates),
          m_store(store),
          m_policy(policy),
          m_audit(audit),
          m_clock(clock) {}

    // The best `query.limit` cases the actor may see, best first. InvalidInput for a bad query
    // (its field is the HTCDS name, see person_query.h); Forbidden for a role that sees no
    // cases; Unavailable when the index cannot be built.
    Result<std::vector<Seen<PersonMatch>>> find(const PersonQuery& query, const Actor& actor);

  private:
    PersonCandidates& m_candidates;
    Store& m_store;
    CasePolicy& m_policy;
    audit::AuditTrail& m_audit;
    const Clock& m_clock;
};

}  // namespace retorno::access
