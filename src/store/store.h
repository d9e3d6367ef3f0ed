#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/id.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/institution.h"
#include "domain/user.h"

namespace retorno {

// Which cases to list. Empty strings mean "any".
struct CaseFilter {
    std::string status;   // cas_Status
    std::string country;  // matches the origin or the destination country
    std::string after;    // an opaque cursor from the previous page
    int limit = 50;
};

struct CasePage {
    std::vector<Case> cases;
    std::string next;  // the cursor of the next page; empty on the last page
};

// The persistence boundary. It speaks in events and projections; no SQL text crosses it, so
// that SQLite (store/sqlite/) and PostgreSQL (store/postgres/) implement the same contract and
// every test runs on both.
//
// Contract of `append`: in ONE transaction, the event is appended and the case projection is
// replaced by `after`, or nothing changes at all. `event.version` must be exactly one more than
// the stored version of the case (0 for a new case); otherwise the answer is a Conflict error
// and nothing changes. Acknowledged appends survive a crash (full sync).
class Store {
public:
    virtual ~Store() = default;

    virtual Status append(const Event& event, const Case& after) = 0;

    virtual Result<std::optional<Case>> find_case(const Id& case_id) = 0;
    virtual Result<CasePage> list_cases(const CaseFilter& filter) = 0;
    // The events of a case in version order, starting after `after_version`.
    virtual Result<std::vector<Event>> case_events(const Id& case_id, std::int64_t after_version,
                                                   int limit) = 0;
    virtual Result<std::int64_t> count_events() = 0;
    virtual Result<std::int64_t> count_cases() = 0;

    virtual Status put_institution(const Institution& institution) = 0;
    virtual Result<std::vector<Institution>> list_institutions() = 0;
    virtual Result<std::optional<Institution>> find_institution(const Id& id) = 0;

    virtual Status put_user(const User& user) = 0;
    virtual Result<std::vector<User>> list_users() = 0;
    virtual Result<std::optional<User>> find_user_by_name(const std::string& username) = 0;

    // A short human-readable name of the backend and its schema version, for /healthz.
    virtual std::string describe() = 0;
};

}  // namespace retorno
