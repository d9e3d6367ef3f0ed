#pragma once

#include <optional>

#include "access/auth_service.h"
#include "access/case_access.h"
#include "access/directory.h"
#include "access/person_search.h"
#include "access/rate_limiter.h"
#include "audit/audit_trail.h"

namespace retorno::access {

// Everything a server needs for access control, built over one store: the audit trail (signing
// day heads when given the key), sign-in and sessions, the guarded case use cases, the
// directory of institutions and users, and the person index with its guarded search.
struct AccessServices {
    AccessServices(Store& store, CaseService& cases, const Clock& clock,
                   std::optional<audit::SigningKey> key, SignInRules rules = {})
        : audit(store, clock, std::move(key)),
          auth(store, clock, audit, rules),
          cases(cases, store, audit, clock),
          directory(store, audit, clock),
          person_index(store, clock),
          persons(person_index, this->cases.policy(), store, audit, clock),
          addresses(clock, 50.0, 500.0),
          sessions(clock, 20.0, 200.0) {}

    audit::AuditTrail audit;
    AuthService auth;
    CaseAccess cases;
    // Institutions and users, for administrators (the pages; the CLI builds its own).
    Directory directory;
    // The children of every case, in memory (built on its first refresh; see
    // service/person_candidates.h), and the search over it that keeps what the user may see.
    PersonCandidates person_index;
    PersonSearch persons;
    // Request rates of signed-in routes, per client address and per session (this process).
    RateLimiter addresses;
    RateLimiter sessions;
};

}  // namespace retorno::access
