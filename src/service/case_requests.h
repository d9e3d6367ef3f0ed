#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "domain/event.h"
#include "domain/person.h"
#include "domain/victim_context.h"

namespace retorno {

// The body of POST /api/v1/cases.
struct OpenCaseRequest {
    Person person;
    VictimContext victim;
    std::string origin_country;
    std::string destination_country;
    std::string protocol_id;  // empty: the protocol that governs the destination country
};

// The body of POST /api/v1/cases/{id}/events.
struct RecordEventRequest {
    EventKind kind = EventKind::NoteAdded;
    std::string step;
    boost::json::object data;
};

Result<OpenCaseRequest> open_case_request_from_json(const boost::json::object& body);
Result<RecordEventRequest> record_event_request_from_json(const boost::json::object& body);

}  // namespace retorno
