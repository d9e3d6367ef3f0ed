#pragma once

#include <memory>

#include "core/error.h"
#include "core/time.h"
#include "service/actor.h"
#include "service/case_requests.h"
#include "store/store.h"

namespace retorno {

struct RecordedEvent {
    Event event;
    Case after;
};

// The use cases of a case's life. The API, the web pages and the CLI all call these; nothing
// here knows about HTTP.
class CaseService {
public:
    CaseService(Store& store, const Clock& clock) : m_store(store), m_clock(clock) {}

    Result<Case> open_case(const OpenCaseRequest& request, const Actor& actor);

    // Appends an event made against `expected_version` of the case. A stale version is a
    // Conflict; nothing is written unless the whole event is accepted.
    Result<RecordedEvent> record_event(const Id& case_id, std::int64_t expected_version,
                                       const RecordEventRequest& request, const Actor& actor);

    // Appends an event the system itself raises (an escalation), against the current version.
    Result<RecordedEvent> record_system_event(const Id& case_id, EventKind kind, std::string step,
                                              boost::json::object data);

    Result<Case> get_case(const Id& case_id);
    Result<CasePage> list_cases(const CaseFilter& filter);
    Result<std::vector<Event>> case_events(const Id& case_id, std::int64_t after_version, int limit);

private:
    Result<RecordedEvent> append_next(const Case& before, Event event);

    Store& m_store;
    const Clock& m_clock;
};

}  // namespace retorno
