#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "access/case_policy.h"
#include "audit/audit_trail.h"
#include "service/case_service.h"

namespace retorno::access {

// A value together with what the actor may see of it. Handlers render the value and pass it
// through redact_case / redact_event with this visibility; they never decide access.
template <typename T>
struct Seen {
    T value;
    Visibility visibility;
};

// A case and its whole history, for documents that are drawn from both.
struct CaseHistory {
    Case current;
    std::vector<Event> events;
};

struct SeenPage {
    std::vector<Seen<Case>> cases;
    std::string next;
};

// The body of POST /api/v1/cases/{id}/shares.
struct ShareRequest {
    Id institution_id;
    std::string purpose;
    std::string legal_basis;
    std::vector<std::string> categories;
};
Result<ShareRequest> share_request_from_json(const boost::json::object& body);
boost::json::object share_to_json(const CaseShare& share);

// The case use cases as a signed-in user may call them: every call asks the policy first,
// answers 404 for a case the user may not see, and leaves an audit entry for each read or
// write of personal data.
class CaseAccess {
  public:
    CaseAccess(CaseService& cases, Store& store, audit::AuditTrail& audit, const Clock& clock)
        : m_cases(cases), m_store(store), m_policy(store, cases), m_audit(audit), m_clock(clock) {}

    Result<Seen<Case>> open_case(const OpenCaseRequest& request, const Actor& actor);
    Result<Seen<Case>> get_case(const Id& case_id, const Actor& actor);
    // A page of the cases the actor sees, newest first. It may hold fewer than filter.limit
    // cases, none even, and still have `next`: it reads at most kMostPagesExamined pages of the
    // store's candidates (CasePolicy::candidates), so that no request reads a whole country.
    Result<SeenPage> list_cases(const CaseFilter& filter, const Actor& actor);
    static constexpr int kMostPagesExamined = 20;
    Result<Seen<RecordedEvent>> record_event(const Id& case_id, std::int64_t expected_version,
                                             const RecordEventRequest& request, const Actor& actor);
    Result<Seen<std::vector<Event>>> case_events(const Id& case_id, std::int64_t after_version,
                                                 int limit, const Actor& actor);
    // The case and every event of it, as one audited read (one entry, `reason` naming what the
    // read was for, such as "download handover record").
    Result<Seen<CaseHistory>> read_history(const Id& case_id, const Actor& actor,
                                           const std::string& reason);
    Result<CaseShare> share_case(const Id& case_id, const ShareRequest& request,
                                 const Actor& actor);

    // For routes about a case that show none of its personal data (its protocol state, say):
    // the case if the actor may see it, or the same NotFound as for a missing case.
    Result<Seen<Case>> require_party(const Id& case_id, const Actor& actor, const char* reason);

    CasePolicy& policy() { return m_policy; }

  private:
    Status audit(const Actor& actor, const char* action, const std::string& case_id,
                 const std::set<Category>& categories, const std::string& reason);

    CaseService& m_cases;
    Store& m_store;
    CasePolicy m_policy;
    audit::AuditTrail& m_audit;
    const Clock& m_clock;
};

}  // namespace retorno::access
