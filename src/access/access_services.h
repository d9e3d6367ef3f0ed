#pragma once

#include <optional>

#include "access/auth_service.h"
#include "access/case_access.h"
#include "audit/audit_trail.h"

namespace retorno::access {

// Everything a server needs for access control, built over one store: the audit trail (signing
// day heads when given the key), sign-in and sessions, and the guarded case use cases.
struct AccessServices {
    AccessServices(Store& store, CaseService& cases, const Clock& clock,
                   std::optional<audit::SigningKey> key, SignInRules rules = {})
        : audit(store, clock, std::move(key)),
          auth(store, clock, audit, rules),
          cases(cases, store, audit, clock) {}

    audit::AuditTrail audit;
    AuthService auth;
    CaseAccess cases;
};

}  // namespace retorno::access
