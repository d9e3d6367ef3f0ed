#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/error.h"
#include "core/id.h"
#include "core/time.h"
#include "domain/event.h"
#include "domain/person.h"
#include "domain/victim_context.h"

namespace retorno {

// The current state of a case, as projected from its events (see case_projection.h). It is a
// cache of the events, never a source of truth: replaying the events gives it again.
struct Case {
    Id id;
    std::int64_t version = 0;
    std::string status = "Active";  // cas_Status
    std::string protocol_id = "regional";
    int protocol_version = 1;
    std::string destination_country;  // where the child was found (DEST)
    std::string origin_country;       // nationality or habitual residence (ORIG)
    std::string opened_by_institution;
    Timestamp opened_at;
    Timestamp updated_at;
    Person person;
    VictimContext victim;
    std::vector<std::string> steps_completed;
    std::string last_hash;
};

boost::json::object case_to_json(const Case& c);
Result<Case> case_from_json(const boost::json::object& object);

// Applies one event to the state before it. The event must be the next one of the case.
Case apply_event(Case before, const Event& event);

}  // namespace retorno
